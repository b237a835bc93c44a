"""The stock way, for comparison: SDV metadata detection + SDMetrics' QualityReport on two CSV files."""

import json
import sys
import warnings

import pandas as pd
from sdmetrics.reports import QualityReport
from sdv.metadata import Metadata


def main(real_path: str, synthetic_path: str) -> None:
    warnings.simplefilter("ignore")
    real, synthetic = pd.read_csv(real_path), pd.read_csv(synthetic_path)
    metadata = Metadata.detect_from_dataframes({"table": real})
    report = QualityReport()
    report.generate({"table": real}, {"table": synthetic}, metadata.to_dict(), verbose=False)
    properties = dict(zip(report.get_properties()["Property"], report.get_properties()["Score"], strict=True))
    sdtypes = {c: m["sdtype"] for c, m in metadata.to_dict()["tables"]["table"]["columns"].items()}
    print(
        json.dumps(
            {
                "overall": report.get_score(),
                "column_shapes": properties["Column Shapes"],
                "column_pair_trends": properties["Column Pair Trends"],
                "sdtypes": sdtypes,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
