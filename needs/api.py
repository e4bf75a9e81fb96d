"""``GET /api/needs``: the public wall as JSON (public fields only: nothing personal), for the mini-program."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema

from needs import services

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
# PostgreSQL refuses a NUL in a query: a control character in a filter is refused by the schema (a 422), not a 500.
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f]*$"

router = Router(tags=["needs"])


class NeedQuery(Schema):
    category: str = Field("", max_length=50, pattern=NO_CONTROL_CHARACTERS, description="service category")
    township: str = Field("", max_length=50, pattern=NO_CONTROL_CHARACTERS, description="township slug")
    state: str = Field(
        "", max_length=20, pattern=NO_CONTROL_CHARACTERS, description="submitted, dispatched, accepted, done or rated"
    )
    limit: int = Field(30, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)  # beyond it, a 422 rather than an integer the database refuses


class NeedOut(Schema):
    id: int
    category: str
    township: str
    state: str
    team: str | None
    submitted_at: datetime
    wanted_on: date
    served_on: date | None


@router.get("/needs", response=list[NeedOut], summary="Recent needs ordered by the public (public fields only)")
def list_needs(request, query: Query[NeedQuery]):
    rows = services.public_needs(query.category, query.township, query.state)[query.offset : query.offset + query.limit]
    return [
        {
            "id": row["pk"],
            "category": row["category"],
            "township": row["township__name"],
            "state": row["state"],
            "team": row["team__name"],
            "submitted_at": row["submitted_at"],
            "wanted_on": row["wanted_on"],
            "served_on": row["served_on"],
        }
        for row in rows
    ]
