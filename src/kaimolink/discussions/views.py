from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.actors.selectors import actors_of_member
from kaimolink.core.pagecache import cache_public_page
from kaimolink.discussions import selectors, services
from kaimolink.discussions.enums import REPLY_ACTIONS, TOPIC_ACTIONS, ModerationAction
from kaimolink.discussions.forms import MoveForm, ReasonForm, ReplyForm, ReportForm, TopicForm
from kaimolink.discussions.models import Topic
from kaimolink.discussions.rules import can_moderate_topic

TOPICS_PER_PAGE = 25
HEADINGS = {
    (False, ModerationAction.HIDE): gettext_lazy("Hide the topic"),
    (False, ModerationAction.UNHIDE): gettext_lazy("Show the topic again"),
    (False, ModerationAction.LOCK): gettext_lazy("Lock the topic"),
    (False, ModerationAction.UNLOCK): gettext_lazy("Unlock the topic"),
    (False, ModerationAction.MOVE): gettext_lazy("Move the topic to another theme"),
    (True, ModerationAction.HIDE): gettext_lazy("Hide the reply"),
    (True, ModerationAction.UNHIDE): gettext_lazy("Show the reply again"),
}
LOG_PER_PAGE = 50


def _theme_or_404(slug):
    theme = selectors.smart_village_theme(slug)
    if theme is None:
        raise Http404
    return theme


def _topic_or_404(pk) -> Topic:
    topic = selectors.topic_for_page(pk)
    if topic is None:
        raise Http404
    return topic


def _may_see(user, post, *, moderator: bool) -> bool:
    """Hidden posts: their author and the topic's moderators still see them (with the reason)."""
    return not post.hidden or moderator or (user.is_authenticated and post.author_id == user.pk)


def _found(obj):
    """The object a selector found, or 404 (missing and forbidden look the same)."""
    if obj is None:
        raise Http404
    return obj


@require_GET
@cache_public_page
def index(request):
    return render(request, "discussions/index.html", {"themes": selectors.themes_with_activity()})


@require_GET
@cache_public_page
def theme(request, slug):
    theme = _theme_or_404(slug)
    page = Paginator(selectors.topics_of_theme(theme), TOPICS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "discussions/theme.html", {"theme": theme, "page": page})


def _topic_context(request, topic: Topic, *, form=None):
    """The topic page; with a refused reply `form`, its last page (where the reply goes)."""
    user = request.user
    moderator = can_moderate_topic(user, topic)
    show_topic = _may_see(user, topic, moderator=moderator)
    context = {"topic": topic, "moderator": moderator, "show_topic": show_topic}
    if show_topic:
        paginator = Paginator(selectors.replies_of_topic(topic), services.REPLIES_PER_PAGE)
        page = paginator.get_page(paginator.num_pages if form else request.GET.get("page"))
        replies = list(page.object_list)
        for reply in replies:
            reply.visible = _may_see(user, reply, moderator=moderator)
        selectors.render_posts([topic, *replies])
        context.update(page=page, replies=replies)
    if not user.is_authenticated:  # the cached public page: no forms, no CSRF token
        return context
    context.update(
        following=selectors.is_following(topic=topic, user=user),
        form=form or ReplyForm(actors=actors_of_member(user=user, published=True)),
        log=selectors.moderation_log_of_topic(topic) if moderator else None,
    )
    return context


@require_GET
@cache_public_page
def topic(request, pk):
    topic = _topic_or_404(pk)
    return render(request, "discussions/topic.html", _topic_context(request, topic))


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request, slug):
    theme = _theme_or_404(slug)
    actors = actors_of_member(user=request.user, published=True)
    form = TopicForm(request.POST or None, actors=actors)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                topic = services.topic_create(
                    author=request.user,
                    theme=theme,
                    title=data["title"],
                    body=data["body"],
                    actor=data["actor"],
                    lag=data["lag"],
                )
            except services.DiscussionError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, _("The topic is open. You will be told about replies."))
                return redirect(topic)
    context = {"form": form, "theme": theme}
    return render(request, "discussions/topic_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request, pk):
    topic = _found(selectors.topic_of_author(pk=pk, user=request.user))
    initial = {"title": topic.title, "body": topic.body}
    form = TopicForm(request.POST or None, initial=initial, editing=True)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.topic_edit(
                    topic=topic,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except services.DiscussionError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(topic)
    context = {"form": form, "theme": topic.theme, "topic": topic}
    return render(request, "discussions/topic_form.html", context, status=status)


@login_required
@require_POST
def reply_create(request, pk):
    topic = _topic_or_404(pk)
    if not _may_see(request.user, topic, moderator=can_moderate_topic(request.user, topic)):
        raise Http404
    form = ReplyForm(request.POST, actors=actors_of_member(user=request.user, published=True))
    status = 400
    if form.is_valid():
        try:
            reply = services.reply_create(
                topic=topic,
                author=request.user,
                body=form.cleaned_data["body"],
                actor=form.cleaned_data["actor"],
            )
        except services.DiscussionError as exc:
            form.add_error(None, str(exc))
            status = 409
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(services.reply_url(reply))
    topic = _topic_or_404(pk)
    context = _topic_context(request, topic, form=form)
    return render(request, "discussions/topic.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request, pk):
    reply = _found(selectors.reply_of_author(pk=pk, user=request.user))
    form = ReplyForm(request.POST or None, initial={"body": reply.body}, editing=True)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.reply_edit(reply=reply, by=request.user, body=form.cleaned_data["body"])
            except services.DiscussionError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(services.reply_url(reply))
    context = {"form": form, "reply": reply, "topic": reply.topic}
    return render(request, "discussions/reply_form.html", context, status=status)


@login_required
@require_POST
def follow(request, pk):
    topic = _topic_or_404(pk)
    if not _may_see(request.user, topic, moderator=can_moderate_topic(request.user, topic)):
        raise Http404
    on = request.POST.get("follow") == "1"
    services.follow_set(topic=topic, user=request.user, follow=on)
    if on:
        messages.success(request, _("You follow this topic: you will be told about new replies."))
    else:
        messages.success(request, _("You no longer follow this topic."))
    return redirect(topic)


def _moderate(request, *, topic, reply, action):
    """The reason form for one moderation act, and the act itself on POST."""
    if not can_moderate_topic(request.user, topic):
        raise PermissionDenied
    form_class = MoveForm if action == ModerationAction.MOVE else ReasonForm
    kwargs = {"topic": topic} if action == ModerationAction.MOVE else {}
    form = form_class(request.POST or None, **kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if reply is None:
                    services.topic_moderate(
                        topic=topic,
                        by=request.user,
                        action=action,
                        reason=form.cleaned_data["reason"],
                        theme=form.cleaned_data.get("theme"),
                    )
                else:
                    services.reply_moderate(
                        reply=reply,
                        by=request.user,
                        action=action,
                        reason=form.cleaned_data["reason"],
                    )
            except services.DiscussionError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(
                    request, _("Done. The author is told, and the log keeps the reason.")
                )
                return redirect(topic if reply is None else services.reply_url(reply))
    context = {
        "form": form,
        "topic": topic,
        "reply": reply,
        "action": action,
        "heading": HEADINGS[(reply is not None, ModerationAction(action))],
    }
    return render(request, "discussions/moderate.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def topic_moderate(request, pk, action):
    if action not in TOPIC_ACTIONS:
        raise Http404
    return _moderate(request, topic=_topic_or_404(pk), reply=None, action=action)


@login_required
@require_http_methods(["GET", "POST"])
def reply_moderate(request, pk, action):
    if action not in REPLY_ACTIONS:
        raise Http404
    reply = _found(selectors.reply_with_topic(pk))
    return _moderate(request, topic=reply.topic, reply=reply, action=action)


def _report(request, *, topic, post):
    if not _may_see(request.user, post, moderator=can_moderate_topic(request.user, topic)):
        raise Http404
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.post_report(
                    reporter=request.user, post=post, reason=form.cleaned_data["reason"]
                )
            except services.DiscussionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Thank you. A moderator will look at it."))
                return redirect(topic if post is topic else services.reply_url(post))
    context = {"form": form, "topic": topic, "post": post, "is_reply": post is not topic}
    return render(request, "discussions/report.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def topic_report(request, pk):
    topic = _topic_or_404(pk)
    return _report(request, topic=topic, post=topic)


@login_required
@require_http_methods(["GET", "POST"])
def reply_report(request, pk):
    reply = _found(selectors.reply_with_topic(pk))
    return _report(request, topic=reply.topic, post=reply)


@login_required
@require_GET
def moderation_log(request):
    if not request.user.has_perm("discussions.view_moderation_log"):
        raise PermissionDenied
    page = Paginator(selectors.moderation_log_for(request.user), LOG_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "discussions/log.html", {"page": page})
