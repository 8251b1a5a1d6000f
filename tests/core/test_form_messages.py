"""Django's own length messages read as plain Chinese, not "确保该变量…"."""

import pytest
from django import forms
from django.utils import translation


@pytest.mark.parametrize(
    ("value", "chinese", "english"),
    [
        ("短", "至少需要 4 个字（现在 1 个）。", "at least 4 characters"),
        ("很" * 9, "最多 8 个字（现在 9 个）。", "at most 8 characters"),
    ],
)
def test_length_messages_in_both_languages(value, chinese, english):
    field = forms.CharField(min_length=4, max_length=8)

    for language, expected in (("zh-hans", chinese), ("en", english)):
        with translation.override(language):
            with pytest.raises(forms.ValidationError) as error:
                field.clean(value)
            # The message is worded when read, so read it in the language.
            assert expected in str(error.value.messages[0])
