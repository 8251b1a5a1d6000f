"""Factories and helpers for consultation, results, library and membership tests."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from gongzhi.consultation.models import Topic, TopicList

from tests.factories import DepartmentFactory, DistrictAdminFactory, ExpertFactory, field


class TopicListFactory(DjangoModelFactory):
    class Meta:
        model = TopicList
        django_get_or_create = ("year",)

    year = 2025
    title = factory.LazyAttribute(lambda o: f"{o.year}年度决策咨询课题清单")


class TopicFactory(DjangoModelFactory):
    """A planned public topic on the 2025 list, in the field of elderly care."""

    class Meta:
        model = Topic

    topic_list = factory.SubFactory(TopicListFactory)
    title = factory.Sequence(lambda n: f"社区居家养老服务体系建设研究{n}")
    background = "老年人口比例持续上升，社区助餐、助浴、上门护理等服务供给不足，需要研究完善居家养老服务网络。"
    field = factory.LazyFunction(lambda: field("elderly-childcare"))
    department = factory.SubFactory(DepartmentFactory)
    created_by = factory.LazyFunction(lambda: DistrictAdminFactory().user)


def expert(username: str, fields: list[str], expertise: str, affiliation: str = "福州大学"):
    """An active member of the expert committee with these fields and stated expertise."""
    return ExpertFactory(
        user__username=username, fields=fields, expertise=expertise, affiliation=affiliation
    )


def document(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 demo", content_type="application/pdf")
