from .documents import DocumentText
from .indexes import InstrumentIndexPage, PracticeIndexPage
from .instrument import InstrumentAdoption, InstrumentAttachment, InstrumentPage
from .practice import PracticeAdoption, PracticeAttachment, PracticeInstrument, PracticePage
from .topics import Topic

__all__ = [
    "DocumentText",
    "InstrumentAdoption",
    "InstrumentAttachment",
    "InstrumentIndexPage",
    "InstrumentPage",
    "PracticeAdoption",
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticeInstrument",
    "PracticePage",
    "Topic",
]
