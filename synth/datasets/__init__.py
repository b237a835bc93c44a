"""Small demo tables shipped with the app, each with its source and licence named."""

from dataclasses import dataclass
from pathlib import Path

from synth.errors import InputError

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class DemoTable:
    name: str
    label: str
    description: str
    source: str
    licence: str
    file_name: str

    def read_bytes(self) -> bytes:
        return (_HERE / self.file_name).read_bytes()


DEMO_TABLES = {
    t.name: t
    for t in (
        DemoTable(
            name="seattle_weather",
            label="Seattle weather (1,461 days)",
            description="Daily weather in Seattle 2012-2015: a date, rain, temperatures, wind and the kind of day.",
            source="NOAA daily summaries, as bundled with the vega_datasets Python package (seattle-weather.csv)",
            licence="Public domain (US government work)",
            file_name="seattle_weather.csv",
        ),
        DemoTable(
            name="cars",
            label="Cars (406 models)",
            description="Classic car models 1970-1982: fuel use, engine, weight, model year and origin; some values missing.",
            source="StatLib 'Auto MPG' data (CMU), as bundled with the vega_datasets Python package (cars.json)",
            licence="Freely available for research and teaching (StatLib)",
            file_name="cars.csv",
        ),
        DemoTable(
            name="gapminder",
            label="Gapminder (1,704 country-years)",
            description="Life expectancy, population and income per person for 142 countries, every 5 years 1952-2007.",
            source="Gapminder Foundation, as bundled with the plotly Python package (plotly.express.data.gapminder)",
            licence="CC BY 4.0 (Gapminder Foundation)",
            file_name="gapminder.csv",
        ),
    )
}

DEFAULT_DEMO = "seattle_weather"


def demo_table(name: str) -> DemoTable:
    try:
        return DEMO_TABLES[name]
    except KeyError:
        choices = ", ".join(DEMO_TABLES)
        raise InputError(f"There is no demo table called '{name}'. Choose one of: {choices}.") from None
