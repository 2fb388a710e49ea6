"""Optional libraries loaded when first used, so that a command's start does not pay for them."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """Return module ``name``, executed only when one of its attributes is first read.

    For libraries only some commands use (board fetches, résumés, calendar export): together
    they cost about a third of a second at every start of the command line otherwise (the
    window loads them anyway: PySide's signature support reads every loaded module's file).
    Raises ModuleNotFoundError if the library is not installed.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
