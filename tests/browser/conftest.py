"""Shared browser fixtures: one Chromium and one app server for the whole browser suite."""

import pytest

from tests.browser.support import CHROMIUM_ARGS, chromium_path, running_app


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def server():
    with running_app() as base:
        yield base
