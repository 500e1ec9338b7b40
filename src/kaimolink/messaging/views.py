"""Pages of private conversations. All for signed-in people; none is cached or public.

A conversation someone may not read answers 404, whether it exists or not, for every one
who does not act for one of its two actors (administrators included).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.actors.models import Actor
from kaimolink.actors.selectors import actors_of_member
from kaimolink.messaging import selectors, services
from kaimolink.messaging.forms import MessageForm, ReportForm, ShareForm
from kaimolink.messaging.rules import can_report_message, my_actor_ids

INBOX_PAGE_SIZE = 20
MESSAGES_PAGE_SIZE = 20


def _status_for(exc: services.MessagingError) -> int:
    return 429 if isinstance(exc, services.RateLimited) else 400


@login_required
@require_GET
def inbox(request):
    user = request.user
    page = Paginator(selectors.conversations_of_user(user), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    mine = my_actor_ids(user)
    rows = []
    for conversation in page:
        sides = (conversation.actor_low, conversation.actor_high)
        ours = [a for a in sides if a.pk in mine]
        others = [a for a in sides if a.pk not in mine] or ours[1:]
        read_at = conversation.my_read_at
        rows.append(
            {
                "conversation": conversation,
                "ours": ours[0],
                "other": others[0],
                "unread": read_at is None or conversation.last_message_at > read_at,
                "preview": conversation.last_preview or "",
                "last_from_us": conversation.last_sender_id in mine,
            }
        )
    return render(request, "messaging/inbox.html", {"page": page, "rows": rows})


def _get_conversation(user, pk):
    conversation = selectors.conversation_for_user(user, pk)
    if conversation is None:
        raise Http404
    return conversation


def _conversation_context(request, conversation, *, form=None, previous_read_at=None) -> dict:
    user = request.user
    mine = my_actor_ids(user)
    shares = selectors.shares_of(conversation)
    sides = []
    for actor in (conversation.actor_low, conversation.actor_high):
        sides.append({"actor": actor, "ours": actor.pk in mine, "share": shares.get(actor.pk)})
    paginator = Paginator(selectors.messages_of(conversation), MESSAGES_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    shown = []
    for message in reversed(page.object_list):  # oldest at the top of the page
        shown.append(
            {
                "message": message,
                "ours": message.sender_actor_id in mine,
                "new": previous_read_at is not None and message.created_at > previous_read_at,
                "can_report": message.sender_actor_id not in mine,
            }
        )
    actors = selectors.reply_actors(user, conversation)
    return {
        "conversation": conversation,
        "sides": sides,
        "page": page,
        "shown": shown,
        "form": form if form is not None else MessageForm(actors=actors),
        "can_write": form is not None or actors.exists(),
        "report_form": ReportForm(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, pk):
    conversation = _get_conversation(request.user, pk)
    if request.method == "POST":
        return _reply(request, conversation)
    previous = selectors.my_read_at(request.user, conversation)
    context = _conversation_context(request, conversation, previous_read_at=previous)
    services.conversation_mark_read(conversation=conversation, user=request.user)
    return render(request, "messaging/conversation.html", context)


def _reply(request, conversation):
    form = MessageForm(request.POST, actors=selectors.reply_actors(request.user, conversation))
    if not form.is_valid():
        context = _conversation_context(request, conversation, form=form)
        return render(request, "messaging/conversation.html", context, status=400)
    try:
        services.message_send(
            conversation=conversation,
            sender=form.cleaned_data["sender"],
            author=request.user,
            body=form.cleaned_data["body"],
        )
    except services.MessagingError as exc:
        form.add_error(None, str(exc))
        context = _conversation_context(request, conversation, form=form)
        return render(request, "messaging/conversation.html", context, status=_status_for(exc))
    messages.success(request, _("Your message was sent."))
    return redirect("messaging:conversation", pk=conversation.pk)


@login_required
@require_POST
def share(request, pk):
    conversation = _get_conversation(request.user, pk)
    form = ShareForm(request.POST)
    if not form.is_valid() or form.cleaned_data["actor"] not in conversation.actor_ids:
        raise Http404
    actor = get_object_or_404(Actor, pk=form.cleaned_data["actor"])
    try:
        services.contacts_share(
            conversation=conversation,
            actor=actor,
            by=request.user,
            include_my_email=form.cleaned_data["include_my_email"],
        )
    except services.MessagingError as exc:
        messages.error(request, str(exc))
        return redirect("messaging:conversation", pk=conversation.pk)
    messages.success(request, _("Your contact details are now shown to the other side."))
    return redirect("messaging:conversation", pk=conversation.pk)


@login_required
@require_POST
def report(request, pk, message_pk):
    conversation = _get_conversation(request.user, pk)
    message = selectors.message_of_conversation(conversation=conversation, pk=message_pk)
    if message is None:
        raise Http404
    if not can_report_message(request.user, message):
        raise Http404
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.message_report(message=message, reporter=request.user, reason=reason)
    messages.success(
        request,
        _("Thank you. The platform administrators will look at the message you reported."),
    )
    return redirect("messaging:conversation", pk=conversation.pk)


def _unavailable(request, receiver: Actor):
    user = request.user
    actors = list(actors_of_member(user=user))
    if not actors:
        reason = "no_actor"
    elif all(a.pk == receiver.pk for a in actors):
        reason = "own_actor"
    else:
        reason = "not_published"
    return render(
        request,
        "messaging/start_unavailable.html",
        {"receiver": receiver, "reason": reason},
        status=403,
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request, actor_slug):
    receiver = selectors.published_actor(actor_slug)
    if receiver is None:
        raise Http404
    actors = selectors.writing_actors(request.user, exclude=receiver)
    choices = list(actors)
    if not choices:
        return _unavailable(request, receiver)
    existing = {}
    for actor in choices:
        found = selectors.conversation_between(actor, receiver)
        if found is not None:
            existing[actor.pk] = found
    if request.method == "GET":
        if len(choices) == 1 and existing:
            return redirect("messaging:conversation", pk=next(iter(existing.values())).pk)
        form = MessageForm(actors=actors)
        status = 200
    else:
        form = MessageForm(request.POST, actors=actors)
        status = 400
        if form.is_valid():
            try:
                message = services.conversation_start(
                    sender=form.cleaned_data["sender"],
                    receiver=receiver,
                    author=request.user,
                    body=form.cleaned_data["body"],
                )
            except services.MessagingError as exc:
                form.add_error(None, str(exc))
                status = _status_for(exc)
            else:
                messages.success(request, _("Your message was sent."))
                return redirect("messaging:conversation", pk=message.conversation_id)
    context = {
        "receiver": receiver,
        "form": form,
        "existing": [(a, existing[a.pk]) for a in choices if a.pk in existing],
    }
    return render(request, "messaging/start.html", context, status=status)
