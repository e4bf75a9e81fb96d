"""Completion photos: validated images attached when the team marks a need done, shown to the requester and the
station only (never on a public page), served without a shared cache."""

from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from needs import models
from needs.models import NeedPhoto
from needs.workflow import State, perform_transition
from tests.needs import factories

pytestmark = pytest.mark.django_db


def jpeg(name="现场.jpg", size=(40, 30)) -> SimpleUploadedFile:
    data = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(data, "JPEG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


@pytest.fixture
def accepted(dispatcher, team, leader):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    perform_transition(need, "accept", leader, notify=False)
    return need


def complete(client, need, *photos):
    return client.post(
        reverse("needs_admin:transition", args=[need.pk, "complete"]),
        {
            "complete-served_on": timezone.localdate().isoformat(),
            "complete-volunteers_served": "3",
            "complete-hours": "2",
            "complete-photos": list(photos),
        },
    )


def test_the_leader_attaches_photos_that_the_requester_sees_on_the_status_page(client, accepted, leader):
    client.force_login(leader)
    form = client.get(reverse("needs_admin:detail", args=[accepted.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in form
    complete(client, accepted, jpeg(), jpeg("第二张.JPG"))
    accepted.refresh_from_db()
    assert accepted.state == State.DONE
    photos = list(accepted.photos.all())
    assert len(photos) == 2 and all(photo.uploaded_by == leader for photo in photos)
    path = photos[0].image.path
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT)) and "现场" not in path
    client.logout()
    page = client.get(accepted.get_status_url()).content.decode()
    url = reverse("needs:status_photo", args=[accepted.status_token, photos[0].pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


def test_a_photo_is_refused_to_another_status_link_and_to_the_public(client, accepted, leader):
    client.force_login(leader)
    complete(client, accepted, jpeg())
    photo = accepted.photos.get()
    other = factories.NeedFactory()
    client.logout()
    assert client.get(reverse("needs:status_photo", args=[other.status_token, photo.pk])).status_code == 404
    for url in (reverse("needs:wall"), "/api/needs", "/"):
        body = client.get(url).content.decode()
        assert f"/photos/{photo.pk}/" not in body and photo.image.name not in body


def test_staff_see_the_photos_and_another_teams_leader_does_not(client, accepted, leader, dispatcher, other_leader):
    client.force_login(leader)
    complete(client, accepted, jpeg())
    photo = accepted.photos.get()
    url = reverse("needs_admin:photo", args=[accepted.pk, photo.pk])
    client.force_login(dispatcher)
    assert url in client.get(reverse("needs_admin:detail", args=[accepted.pk])).content.decode()
    assert client.get(url).status_code == 200
    client.force_login(other_leader)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("not-a-photo.jpg", b"this is text, not an image", content_type="image/jpeg"),
        SimpleUploadedFile("script.svg", b"<svg onload=alert(1)></svg>", content_type="image/svg+xml"),
    ],
    ids=["not-an-image", "svg"],
)
def test_what_is_not_a_photo_is_refused_and_the_need_stays_accepted(client, accepted, leader, upload):
    client.force_login(leader)
    response = complete(client, accepted, upload)
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.state == State.ACCEPTED and not NeedPhoto.objects.exists()


def test_too_many_or_too_large_photos_are_refused(client, accepted, leader, monkeypatch):
    client.force_login(leader)
    complete(client, accepted, *(jpeg(f"{n}.jpg") for n in range(5)))
    accepted.refresh_from_db()
    assert accepted.state == State.ACCEPTED
    big = jpeg(size=(400, 400))
    monkeypatch.setattr(models, "MAX_PHOTO_SIZE", big.size - 1)
    response = complete(client, accepted, big)
    accepted.refresh_from_db()
    assert accepted.state == State.ACCEPTED and not NeedPhoto.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("每张照片不能超过" in m for m in messages), messages


def test_completing_without_photos_still_works(client, accepted, leader):
    client.force_login(leader)
    complete(client, accepted)
    accepted.refresh_from_db()
    assert accepted.state == State.DONE and not accepted.photos.exists()
    assert 'data-testid="photos"' not in client.get(accepted.get_status_url()).content.decode()


def test_photos_reach_the_wall_only_once_the_requester_agrees_and_can_be_withdrawn(client, accepted, leader):
    client.force_login(leader)
    complete(client, accepted, jpeg())
    photo = accepted.photos.get()
    client.logout()
    public_url = reverse("needs:public_photo", args=[photo.pk])
    assert client.get(public_url).status_code == 404
    assert public_url not in client.get(reverse("needs:wall")).content.decode()
    share = reverse("needs:share_photos", args=[accepted.status_token])
    client.post(share, {"shared": "1"})
    assert public_url in client.get(reverse("needs:wall")).content.decode()
    response = client.get(public_url)
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert "不再公开照片" in client.get(accepted.get_status_url()).content.decode()
    client.post(share, {"shared": "0"})
    assert client.get(public_url).status_code == 404
    assert public_url not in client.get(reverse("needs:wall")).content.decode()


def test_sharing_needs_the_status_link_and_a_post(client, accepted):
    assert client.post(reverse("needs:share_photos", args=["not-the-token"]), {"shared": "1"}).status_code == 404
    assert client.get(reverse("needs:share_photos", args=[accepted.status_token])).status_code == 405
    accepted.refresh_from_db()
    assert not accepted.photos_shared
