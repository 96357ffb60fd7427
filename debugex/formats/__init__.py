"""The files debugex reads and writes: the chat messages of the fine-tuning format, the
examples folder and JSONL records, the examples lock and merge journal, atomic writes."""

from .dataset import (
    SPLITS,
    DatasetError,
    Record,
    example_numbers,
    load_examples,
    load_jsonl,
    load_requests_responses,
)
from .files import WriteError, cannot_write, write_atomic
from .journal import (
    JOURNAL_PREFIX,
    STAGING_PREFIX,
    JournalError,
    LockBusy,
    locked,
    pending,
    recover,
)
from .messages import (
    AssistantMessage,
    MessageError,
    Request,
    UserMessage,
    explanation_line,
    parse_assistant,
    parse_user,
    read_assistant,
    read_user,
    render_assistant,
    render_user,
    system_prompt,
)

__all__ = [
    "AssistantMessage",
    "DatasetError",
    "JOURNAL_PREFIX",
    "JournalError",
    "LockBusy",
    "MessageError",
    "Record",
    "Request",
    "SPLITS",
    "STAGING_PREFIX",
    "UserMessage",
    "WriteError",
    "cannot_write",
    "example_numbers",
    "explanation_line",
    "load_examples",
    "load_jsonl",
    "load_requests_responses",
    "locked",
    "parse_assistant",
    "parse_user",
    "pending",
    "read_assistant",
    "read_user",
    "recover",
    "render_assistant",
    "render_user",
    "system_prompt",
    "write_atomic",
]
