"""Pages of the information library."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongzhi.consultation.queries import visible_topics
from gongzhi.core.search import search
from gongzhi.library import actions, forms, queries, rules
from gongzhi.library.models import Attachment
from gongzhi.results.queries import visible_results


def item_list(request: HttpRequest) -> HttpResponse:
    """Public: the library with Chinese full-text search."""
    items = queries.visible_items(request.user)
    form = forms.ItemFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("kind"):
            items = items.filter(kind=data["kind"])
        if data.get("field"):
            items = items.filter(field=data["field"])
        if data.get("q"):
            items = search(items, data["q"])
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_publish": rules.can_publish(request.user)}
    if request.htmx:
        return render(request, "library/_item_results.html", context)
    return render(request, "library/item_list.html", context)


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(queries.visible_items(request.user), pk=pk)
    context = {
        "item": item,
        "attachments": item.attachments.all(),
        # Links show only the topics and results this visitor could open.
        "topics": visible_topics(request.user).filter(library_items=item),
        "results": visible_results(request.user).filter(library_items=item),
    }
    return render(request, "library/item_detail.html", context)


def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    item = get_object_or_404(queries.visible_items(request.user), pk=pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, item=item)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def item_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_publish(request.user):
        raise PermissionDenied
    form = forms.ItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        item = actions.publish(actor=request.user, **form.cleaned_data)
        messages.success(request, _("已发布到信息库。"))
        return redirect(item)
    return render(request, "library/item_form.html", {"form": form})
