"""gongzhi (共治): the online home of a district's two committees and one envoy."""

__version__ = "0.1.0"
