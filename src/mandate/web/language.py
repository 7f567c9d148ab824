"""Pages speak Vietnamese unless the reader chose otherwise; the browser's Accept-Language does not decide.

The API speaks the language of Accept-Language (vi, en, ru or uk); a program that sends none gets English, the
language of the API's reference, so that its messages do not change under a client that never asked.
"""
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

API_PREFIX = "/api/"
API_DEFAULT_LANGUAGE = "en"


def speak_vietnamese_first(request: HttpRequest) -> None:
    # Only an explicit choice (the language cookie) overrides the default.
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE


class VietnameseFirst:
    """After Django's LocaleMiddleware: every page, signed in or not, starts in Vietnamese.

    The API keeps Accept-Language, which is how a program asks for its messages in a language; without one, English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not request.path_info.startswith(API_PREFIX):
            speak_vietnamese_first(request)
        elif not request.headers.get("Accept-Language"):
            translation.activate(API_DEFAULT_LANGUAGE)
            request.LANGUAGE_CODE = API_DEFAULT_LANGUAGE
        return self.get_response(request)
