"""Optional libraries loaded when first used, so that a start does not pay for them."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from typing import Any


class _Deferred(ModuleType):
    """A stand-in for a module, imported when one of its attributes is first read.

    It is not in ``sys.modules`` until then: anything that walks the loaded modules (PySide's
    signature support reads every one's file as the window's widgets load) does not load it.
    """

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)  # later reads find the attributes here
        return getattr(module, attribute)


def lazy_module(name: str) -> ModuleType:
    """Return module ``name``, imported only when one of its attributes is first read.

    For libraries only some commands use (board fetches, résumés, calendar export): together
    they cost about a third of a second at every start of the window and of the command line
    otherwise. Raises ModuleNotFoundError at once if the library is not installed.
    """
    if importlib.util.find_spec(name) is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    return _Deferred(name)
