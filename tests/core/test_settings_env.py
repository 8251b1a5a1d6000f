"""Settings from the environment: typed accessors, and a production start that fails loudly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongzhi import env


@pytest.mark.parametrize("raw", ["1", "true", "True", "YES", " on "])
def test_true_words_read_as_true(monkeypatch, raw):
    monkeypatch.setenv("GONGZHI_TEST_FLAG", raw)

    assert env.get_bool("GONGZHI_TEST_FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off", ""])
def test_false_words_and_an_empty_value_read_as_false(monkeypatch, raw):
    monkeypatch.setenv("GONGZHI_TEST_FLAG", raw)

    assert env.get_bool("GONGZHI_TEST_FLAG", True) is False


@pytest.mark.parametrize(
    ("accessor", "raw"),
    [
        (env.get_bool, "maybe"),
        (env.get_bool, "2"),
        (env.get_int, "many"),
        (env.get_int, "4.5"),
        (env.get_int, ""),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_with_its_name(monkeypatch, accessor, raw):
    monkeypatch.setenv("GONGZHI_TEST_VALUE", raw)

    with pytest.raises(ImproperlyConfigured, match="GONGZHI_TEST_VALUE"):
        accessor("GONGZHI_TEST_VALUE", 0)


def test_an_unset_variable_gives_the_default(monkeypatch):
    monkeypatch.delenv("GONGZHI_TEST_VALUE", raising=False)

    values = (
        env.get("GONGZHI_TEST_VALUE", "x"),
        env.get_bool("GONGZHI_TEST_VALUE", True),
        env.get_int("GONGZHI_TEST_VALUE", 7),
        env.get_list("GONGZHI_TEST_VALUE", ["a"]),
    )

    assert values == ("x", True, 7, ["a"])


def test_integers_are_parsed(monkeypatch):
    monkeypatch.setenv("GONGZHI_TEST_VALUE", "31536000")

    assert env.get_int("GONGZHI_TEST_VALUE", 0) == 31536000


def test_lists_are_split_on_commas_and_trimmed(monkeypatch):
    monkeypatch.setenv("GONGZHI_TEST_VALUE", " gongzhi.example.cn, ,127.0.0.1 ,")

    assert env.get_list("GONGZHI_TEST_VALUE", []) == ["gongzhi.example.cn", "127.0.0.1"]


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_a_required_value_that_is_missing_or_blank_is_refused(monkeypatch, raw):
    if raw is None:
        monkeypatch.delenv("GONGZHI_TEST_SECRET", raising=False)
    else:
        monkeypatch.setenv("GONGZHI_TEST_SECRET", raw)

    with pytest.raises(ImproperlyConfigured, match="GONGZHI_TEST_SECRET"):
        env.require("GONGZHI_TEST_SECRET")


# Starting the settings module in a fresh interpreter ---------------------------------

PRINT_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.DEBUG, settings.SECRET_KEY, ','.join(settings.ALLOWED_HOSTS))"
)


def start(tmp_path, **variables) -> subprocess.CompletedProcess:
    """Load the settings in a new Python with only these GONGZHI_ variables set."""
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("GONGZHI_") and name != "DATABASE_URL"
    }
    environ |= {
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
        "GONGZHI_VAR_DIR": str(tmp_path),
        **variables,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", PRINT_SETTINGS],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = start(tmp_path, GONGZHI_ENV="production", GONGZHI_ALLOWED_HOSTS="gongzhi.example.cn")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "GONGZHI_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = start(tmp_path, GONGZHI_ENV="production", GONGZHI_SECRET_KEY="s3cret-for-test")

    assert result.returncode != 0
    assert "GONGZHI_ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_debug_off_when_both_are_set(tmp_path):
    result = start(
        tmp_path,
        GONGZHI_ENV="production",
        GONGZHI_SECRET_KEY="s3cret-for-test",
        GONGZHI_ALLOWED_HOSTS="gongzhi.example.cn",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "s3cret-for-test", "gongzhi.example.cn"]


def test_development_starts_with_nothing_set(tmp_path):
    result = start(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


@pytest.mark.parametrize(
    ("name", "value"),
    [("GONGZHI_ENV", "staging"), ("GONGZHI_DEBUG", "maybe")],
)
def test_a_bad_value_stops_the_start(tmp_path, name, value):
    result = start(tmp_path, **{name: value})

    assert result.returncode != 0
    assert name in result.stderr
