"""The built-in rules on the copy of other specialties: dentistry, aesthetics, eye surgery, fertility, hearing..."""

from __future__ import annotations

import re

import pytest

from medlint import lint_text

# Words that assume the page is about injections, stem cells or back pain.
NARROW_WORDING = re.compile(
    r"inject|needle|stem cell|regenerative|back pain|back or joint|cartilage|disc", re.IGNORECASE
)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("cure-claim", "Our custom oral appliance cures sleep apnea."),
        ("regrow-tissue", "Turn back the clock with our anti-wrinkle treatment."),
        ("instant-results", "Feel instant relief from your very first adjustment."),
        ("gold-standard", "Radiofrequency ablation is the gold standard for arthritis pain."),
        ("doctors-agree", "Top surgeons agree this is the future of breast surgery."),
        ("no-side-effects", "Laser eye surgery has no side effects."),
        ("risk-free", "Our hair transplant is completely risk-free."),
        ("risks-avoided", "With laser eye surgery, the infection risks of contact lenses are entirely avoided."),
        ("fda-approved", "Our breast implants are FDA approved."),
        ("clinically-proven", "Our hearing aids are clinically proven to prevent dementia."),
        ("no-rejection", "Titanium implants carry no risk of rejection."),
    ],
)
def test_messages_and_suggestions_fit_any_specialty(rule: str, text: str) -> None:
    found = [f for f in lint_text(text) if f.rule == rule]
    assert found, f"{rule} did not report {text!r}"
    finding = found[0]
    assert not NARROW_WORDING.search(finding.message), finding.message
    assert not [s for s in finding.suggestions if NARROW_WORDING.search(s) and "cells" not in s], finding.suggestions
