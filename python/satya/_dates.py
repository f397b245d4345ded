"""Datetime and date types with a constraint, spelled as pydantic spells them:
`AwareDatetime`, `NaiveDatetime`, `PastDate`, `FutureDate`, `PastDatetime` and
`FutureDatetime`, each an `Annotated` type the core reads."""

from __future__ import annotations

import datetime
from typing import Annotated

from ._fields import TemporalMark

AwareDatetime = Annotated[datetime.datetime, TemporalMark("tz_constraint", "aware")]
NaiveDatetime = Annotated[datetime.datetime, TemporalMark("tz_constraint", "naive")]
PastDatetime = Annotated[datetime.datetime, TemporalMark("now_op", "past")]
FutureDatetime = Annotated[datetime.datetime, TemporalMark("now_op", "future")]
PastDate = Annotated[datetime.date, TemporalMark("now_op", "past")]
FutureDate = Annotated[datetime.date, TemporalMark("now_op", "future")]

__all__ = ["AwareDatetime", "NaiveDatetime", "PastDatetime", "FutureDatetime", "PastDate", "FutureDate"]
