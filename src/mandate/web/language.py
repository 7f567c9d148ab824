"""Pages speak Vietnamese unless the reader chose otherwise; the browser's Accept-Language does not decide."""
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

API_PREFIX = "/api/"


def speak_vietnamese_first(request: HttpRequest) -> None:
    # Only an explicit choice (the language cookie) overrides the default.
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE


class VietnameseFirst:
    """After Django's LocaleMiddleware: every page, signed in or not, starts in Vietnamese.

    The API keeps Accept-Language, which is how a program asks for its messages in a language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not request.path_info.startswith(API_PREFIX):
            speak_vietnamese_first(request)
        return self.get_response(request)
