from .documents import DocumentText
from .indexes import InstrumentIndexPage, PracticeIndexPage
from .instrument import InstrumentAdoption, InstrumentAttachment, InstrumentPage
from .practice import PracticeAdoption, PracticeInstrument, PracticePage
from .topics import Topic

__all__ = [
    "DocumentText",
    "InstrumentAdoption",
    "InstrumentAttachment",
    "InstrumentIndexPage",
    "InstrumentPage",
    "PracticeAdoption",
    "PracticeIndexPage",
    "PracticeInstrument",
    "PracticePage",
    "Topic",
]
