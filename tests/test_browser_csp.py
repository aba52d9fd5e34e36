"""The Content-Security-Policy holds in a real browser: no violation in any mode."""

import time

import pytest

pytestmark = pytest.mark.browser

RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _wait(page, expression: str, timeout: float = 20) -> None:
    """Poll from Python: string predicates would be evaluated in the page, which the policy forbids."""
    deadline = time.time() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.1)


@pytest.mark.parametrize("link", ["/?ds=demo", "/?ds=demo&mode=compare&year2=2011", "/?ds=demo&mode=change",
                                  "/?ds=demo&area=9999C0090&lang=en"])
def test_no_policy_violation_in_any_mode(browser, live_server, link):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(RECORD)
    try:
        response = page.goto(live_server + link)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        _wait(page, "window.atlas && window.atlas.firstPaint !== null")
        page.locator("#distribution-summary").click()
        _wait(page, "document.querySelector('#distribution-body canvas')")
        page.locator("#export-menu-summary").click()
        with page.expect_download():  # a map image: canvas, blob URL and download under the policy
            page.locator("#export-png").click()
        assert page.evaluate("() => window.__violations") == []
        assert errors == []
    finally:
        context.close()
