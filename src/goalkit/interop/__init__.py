"""Turning goalkit objects into other things: plain data, JSON, tables, pictures.

Everything here produces strings or plain Python data; nothing reads or writes
files (the command line, :mod:`goalkit.cli`, does that).

* :mod:`goalkit.interop.data`: :func:`to_dict` / :func:`from_dict`, JSON text;
* :mod:`goalkit.interop.schema`: the JSON Schema of the plan format;
* :mod:`goalkit.interop.records`: :func:`to_records`, :func:`to_dataframe`;
* :mod:`goalkit.interop.text`: indented trees with progress bars;
* :mod:`goalkit.interop.diagrams`: Mermaid and Graphviz DOT;
* :mod:`goalkit.interop.html`: HTML tables for notebooks;
* :mod:`goalkit.interop.plots`: matplotlib charts (optional ``plot`` extra).
"""

from goalkit.exceptions import MissingDependencyError
from goalkit.interop.data import (
    FIRST_CHECK_IN_TOKEN,
    JSON_NESTING,
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    format_number,
    from_dict,
    from_json,
    parse_number,
    to_dict,
    to_json,
)
from goalkit.interop.diagrams import STATUS_COLOURS, to_dot, to_mermaid
from goalkit.interop.html import evaluation_to_html, plan_to_html
from goalkit.interop.plots import plot_key_result, plot_scores_by_owner
from goalkit.interop.records import GOAL_COLUMNS, SCORE_COLUMNS, to_dataframe, to_records
from goalkit.interop.schema import plan_schema
from goalkit.interop.text import TreeRow, describe, progress_bar, render_tree, tree_rows

__all__ = [
    "FIRST_CHECK_IN_TOKEN",
    "GOAL_COLUMNS",
    "JSON_NESTING",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SCORE_COLUMNS",
    "STATUS_COLOURS",
    "Migration",
    "MissingDependencyError",
    "TreeRow",
    "describe",
    "evaluation_to_html",
    "format_number",
    "from_dict",
    "from_json",
    "parse_number",
    "plan_schema",
    "plan_to_html",
    "plot_key_result",
    "plot_scores_by_owner",
    "progress_bar",
    "render_tree",
    "to_dataframe",
    "to_dict",
    "to_dot",
    "to_json",
    "to_mermaid",
    "to_records",
    "tree_rows",
]
