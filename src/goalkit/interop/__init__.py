"""Turning goalkit objects into other things: text, tables, plain data.

Everything here produces strings or plain Python data; nothing reads or writes files.
"""

from goalkit.interop.text import render_tree

__all__ = ["render_tree"]
