"""Both language forms carry every UI string."""

from samspill_tui.i18n import keys, t


def test_both_forms_have_the_same_strings() -> None:
    assert keys("nb") == keys("nn")
    assert t("nn", "scale.0") == "Veit ikkje" and t("nb", "scale.0") == "Vet ikke"
