"""The staff's pages for question banks and tests; attempts are read only (services write them)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaimolink.quizzes.models import (
    Attempt,
    AttemptQuestion,
    Bank,
    Choice,
    DrawRule,
    Question,
    Quiz,
    Topic,
    choices_problem,
)


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 1


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at"]
    search_fields = ["title"]
    inlines = [TopicInline]


class ChoiceFormSet(forms.BaseInlineFormSet):
    """The options must fit the question's kind (models.choices_problem)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        flags = [
            bool(form.cleaned_data.get("correct"))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problem = choices_problem(self.instance.kind, flags)
        if problem:
            raise ValidationError(problem)


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 4


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "topic", "active"]
    list_filter = ["kind", "active", "topic__bank"]
    list_select_related = ["topic"]
    search_fields = ["text"]
    inlines = [ChoiceInline]
    fields = [
        "topic",
        "kind",
        "text",
        "explanation",
        "answer_true",
        "answer_number",
        "tolerance",
        "active",
    ]


class DrawRuleFormSet(forms.BaseInlineFormSet):
    """Each topic is of the quiz's bank and has enough questions in use to draw."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        bank_id = self.instance.bank_id
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("topic"):
                continue
            topic, count = data["topic"], data.get("count") or 0
            if topic.bank_id != bank_id:
                form.add_error("topic", _("Choose a topic of the test's question bank."))
                continue
            active = topic.questions.filter(active=True).count()
            if count > active:
                form.add_error(
                    "count",
                    _("The topic has only %(n)d questions in use.") % {"n": active},
                )


class DrawRuleInline(admin.TabularInline):
    model = DrawRule
    formset = DrawRuleFormSet
    extra = 2


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "bank", "time_limit_minutes", "pass_mark_percent", "is_open"]
    list_filter = ["is_open"]
    list_select_related = ["bank"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "slug"]
    inlines = [DrawRuleInline]


class AttemptQuestionInline(admin.TabularInline):
    model = AttemptQuestion
    fields = ["position", "question", "points"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Read only: attempts are records, written by quizzes.services alone."""

    list_display = ["quiz", "person", "state", "started_at", "score", "max_score", "passed"]
    list_filter = ["state", "passed", "quiz"]
    list_select_related = ["quiz", "person"]
    search_fields = ["person__email", "person__full_name", "quiz__title"]
    inlines = [AttemptQuestionInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Attempt._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
