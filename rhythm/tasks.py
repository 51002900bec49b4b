from celery import shared_task

from rhythm.reminders import send_due_reminders


@shared_task
def send_meeting_reminders() -> int:
    """Beat, every minute: send the meeting reminders due now, each at most once."""
    return send_due_reminders()
