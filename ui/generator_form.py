"""A generator's card and its option widgets, drawn the same way on the Generate and the Bake-off pages."""

from __future__ import annotations

from typing import Any

import streamlit as st


def card(spec: type) -> None:
    """The generator's plain-language card: what it is, its speed, fidelity and privacy, and when to use it."""
    with st.container(border=True):
        st.markdown(f"**{spec.label}.** {spec.description}")
        speed, fidelity, privacy = st.columns(3)
        speed.markdown(f"**Speed**  \n{spec.speed}")
        fidelity.markdown(f"**Fidelity**  \n{spec.fidelity}")
        privacy.markdown(f"**Privacy**  \n{spec.privacy}")
        st.caption(f"When to use it: {spec.when_to_use}")


def option_widgets(spec: type, current: dict[str, Any], prefix: str = "option") -> dict[str, Any]:
    """One widget per option the generator declares, starting from `current` (else its default); returns the values.
    Widget keys are f"{prefix}_{generator}_{option}", so two pages (or two generators) never share one."""
    options = {}
    for option in spec.options:
        value = current.get(option.name, option.default)
        key = f"{prefix}_{spec.name}_{option.name}"
        if option.choices:
            options[option.name] = st.selectbox(
                option.label, option.choices, index=option.choices.index(value), help=option.help, key=key
            )
        elif isinstance(option.default, str):
            options[option.name] = st.text_input(option.label, value=value, help=option.help, key=key)
        elif option.slider:
            low, high = type(option.default)(option.minimum), type(option.default)(option.maximum)
            options[option.name] = st.slider(option.label, low, high, value=value, step=(high - low) / 99, key=key)
            st.caption(option.help)
        else:
            options[option.name] = st.number_input(
                option.label,
                min_value=type(option.default)(option.minimum),
                max_value=type(option.default)(option.maximum),
                value=value,
                help=option.help,
                key=key,
                format="%g" if isinstance(option.default, float) and 0 < abs(option.default) < 0.01 else None,
            )
            if dict(option.value_words).get(options[option.name]):  # a switch value: 0 rows means automatic
                st.caption(f"{option.label}: {option.in_words(options[option.name])}")
    return options
