from django.http import HttpRequest

from gongzhi.notices.models import Notification


def unread_notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {"unread_notification_count": count}
