"""The clerk's tag vocabulary, and tagging review items in the register by it.

Defaults ship in ``resources/tags.json``; the clerk's own list is saved as JSON in the per-user
config folder. Order matters: the first nine tags get the Ctrl+1..Ctrl+9 shortcuts. A missing or
damaged vocabulary file never stops the app: the defaults are used and a plain sentence says why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..paths import resources_dir, user_config_dir
from ..register import Register, RegisterError
from ..whole_file import WholeFileError, writing_whole

SCHEMA = "mopac-desk/tags@1"
MAX_NAME_LENGTH = 40
MAX_TAGS = 60
SHORTCUT_TAGS = 9  # Ctrl+1 .. Ctrl+9
DEFAULT_COLOUR = "#808080"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Register entities a review item can be (what the panel's selection holds).
ITEM_ENTITIES = ("recommendation", "cost")


class VocabularyError(ValueError):
    """A tag list the clerk cannot keep; the message is ready to show as it is."""


@dataclass(frozen=True)
class Tag:
    """One tag of the vocabulary: its name and a colour written ``#rrggbb``."""

    name: str
    colour: str = DEFAULT_COLOUR


@dataclass(frozen=True)
class Vocabulary:
    """The tags in the clerk's order, and a plain sentence when the saved list could not be
    used (``problem`` is None when all is well)."""

    tags: tuple[Tag, ...]
    problem: str | None = None

    def names(self) -> list[str]:
        return [t.name for t in self.tags]


def vocabulary_path() -> Path:
    """Where the clerk's own tag list is kept."""
    return user_config_dir() / "tags.json"


def clean_name(name: object) -> str:
    """A tag name as stored: trimmed, inner whitespace collapsed to single spaces."""
    return " ".join(name.split()) if isinstance(name, str) else ""


def clean_colour(colour: object) -> str:
    """``#rrggbb`` in lower case; anything else becomes the default grey."""
    if isinstance(colour, str) and _COLOUR.match(colour.strip()):
        return colour.strip().lower()
    return DEFAULT_COLOUR


def validate(tags: Iterable[Tag | tuple[str, str] | dict[str, Any]]) -> tuple[Tag, ...]:
    """Check a tag list and return it cleaned, or raise :class:`VocabularyError` saying what
    is wrong: names must be non-empty, at most 40 characters and unique ignoring case."""
    out: list[Tag] = []
    seen: dict[str, str] = {}
    for n, item in enumerate(tags, 1):
        if isinstance(item, Tag):
            raw_name, raw_colour = item.name, item.colour
        elif isinstance(item, dict):
            raw_name, raw_colour = item.get("name"), item.get("colour")
        else:
            raw_name, raw_colour = item
        name = clean_name(raw_name)
        if not name:
            raise VocabularyError(f"Tag {n} has no name; give it one or remove it.")
        if len(name) > MAX_NAME_LENGTH:
            raise VocabularyError(f"The tag name '{name[:MAX_NAME_LENGTH]}…' is too long; "
                                  f"keep names to {MAX_NAME_LENGTH} characters.")
        key = name.casefold()
        if key in seen:
            raise VocabularyError(f"There are two tags called '{seen[key]}'; tag names must "
                                  "differ (capitals do not count).")
        seen[key] = name
        out.append(Tag(name, clean_colour(raw_colour)))
    if len(out) > MAX_TAGS:
        raise VocabularyError(f"Keep the tag list to {MAX_TAGS} tags or fewer.")
    return tuple(out)


def _read(path: Path) -> tuple[Tag, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data.get("tags") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise VocabularyError("it is not a list of tags")
    return validate(items)


def default_tags() -> tuple[Tag, ...]:
    """The shipped vocabulary from ``resources/tags.json`` (a small built-in list if that file
    is missing from a broken install)."""
    try:
        return _read(resources_dir() / "tags.json")
    except (OSError, ValueError):
        return (Tag("follow up", "#d62728"), Tag("needs finance", "#ff7f0e"))


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The clerk's vocabulary, or the defaults when none is saved yet or the file is unusable
    (then ``problem`` says so in plain English). Never raises."""
    path = path or vocabulary_path()
    if not path.exists():
        return Vocabulary(default_tags())
    try:
        tags = _read(path)
    except UnicodeDecodeError:
        return Vocabulary(default_tags(), _unusable(path, "it is not text"))
    except OSError as exc:
        return Vocabulary(default_tags(), _unusable(path, exc.strerror or "it cannot be read"))
    except json.JSONDecodeError:
        return Vocabulary(default_tags(), _unusable(path, "it is damaged"))
    except VocabularyError as exc:
        return Vocabulary(default_tags(), _unusable(path, str(exc).rstrip(".")))
    return Vocabulary(tags)


def _unusable(path: Path, reason: str) -> str:
    return (f"Your tag list ({path}) could not be used ({reason}), so the standard tags are "
            "shown. Saving the tag list in Preferences replaces the file.")


def save_vocabulary(tags: Iterable[Tag | tuple[str, str] | dict[str, Any]],
                    path: Path | None = None) -> tuple[Tag, ...]:
    """Validate and save the clerk's vocabulary atomically (a crash leaves the old file or the
    new one, never half of one); returns the cleaned tags. Raises :class:`VocabularyError`
    with a plain message when the list is invalid or cannot be written."""
    clean = validate(tags)
    path = path or vocabulary_path()
    body = json.dumps({"schema": SCHEMA,
                       "tags": [{"name": t.name, "colour": t.colour} for t in clean]},
                      ensure_ascii=False, indent=2) + "\n"
    try:
        with writing_whole(path, what="the tag list", prefix=".tags-", suffix=".tmp",
                           fsync=True, make_folder=True) as tmp:
            tmp.write_text(body, encoding="utf-8")
    except WholeFileError as exc:
        raise VocabularyError(str(exc)) from exc
    return clean


def shortcut_tags(vocabulary: Vocabulary | Sequence[Tag]) -> list[Tag]:
    """The tags that get Ctrl+1..Ctrl+9, in order."""
    tags = vocabulary.tags if isinstance(vocabulary, Vocabulary) else vocabulary
    return list(tags[:SHORTCUT_TAGS])


# -- tagging review items in the register ----------------------------------------------------

@dataclass(frozen=True)
class TagToggle:
    """One toggle of a tag over selected items: ``add`` says which way, ``items`` are the
    ``(entity, id)`` pairs it changes (only those lacking the tag when adding), so applying the
    inverse restores exactly what was there before."""

    tag: str | int  # a name, or the register's tag id once the tag exists
    add: bool
    items: tuple[tuple[str, int], ...]


def ensure_register_tag(register: Register, tag: Tag | str, who: str | None = None) -> str:
    """The register's spelling of ``tag``, creating it (with its colour) on first use."""
    name = clean_name(tag.name if isinstance(tag, Tag) else tag)
    if not name:
        raise RegisterError("A tag needs a name.")
    for row in register.tags():
        if row["name"].casefold() == name.casefold():
            return row["name"]
    register.create_tag(name, tag.colour if isinstance(tag, Tag) else None, who=who)
    return name


def plan_toggle(register: Register, tag: str,
                items: Sequence[tuple[str, int]]) -> TagToggle:
    """What toggling ``tag`` on ``items`` means: if every item has it, take it off all of
    them; otherwise put it on those lacking it. Reads only."""
    items = tuple(dict.fromkeys((e, int(i)) for e, i in items))
    for entity, _ in items:
        if entity not in ITEM_ENTITIES:
            raise RegisterError(f"Only {' and '.join(ITEM_ENTITIES)} items can be tagged here.")
    key = clean_name(tag).casefold()
    lacking = tuple((e, i) for e, i in items
                    if key not in {t.casefold() for t in register.tags_of(e, i)})
    if items and not lacking:
        return TagToggle(clean_name(tag), False, items)
    return TagToggle(clean_name(tag), True, lacking)


def apply_toggle(register: Register, toggle: TagToggle, who: str | None = None,
                 inverse: bool = False) -> None:
    """Apply ``toggle`` (or its exact inverse), one register call per kind of item."""
    add = toggle.add != inverse
    by_entity: dict[str, list[int]] = {}
    for entity, item_id in toggle.items:
        by_entity.setdefault(entity, []).append(item_id)
    for entity, ids in by_entity.items():
        if add:
            register.tag(toggle.tag, entity, ids, who=who)
        else:
            register.untag(toggle.tag, entity, ids, who=who)


def sync_register_tags(register: Register, tags: Sequence[Tag], renamed: Mapping[str, str],
                       who: str | None = None) -> list[str]:
    """Carry an edited vocabulary into the register: tags renamed in Preferences keep their
    items under the new name, and colours follow. A tag taken off the list stays on the items
    that carry it (nothing a clerk recorded is dropped). Returns plain-English problems, e.g. a
    rename onto a name the register already uses, which is left as it was."""
    problems: list[str] = []
    existing = {row["name"].casefold(): row for row in register.tags()}
    for old, new in renamed.items():
        old, new = clean_name(old), clean_name(new)
        row = existing.get(old.casefold())
        if row is None or not new or old == new:
            continue
        if new.casefold() in existing and new.casefold() != old.casefold():
            problems.append(f"'{old}' was not renamed in the register: '{new}' is already a "
                            "tag there; both are kept.")
            continue
        register.update_tag(row["id"], name=new, who=who)
        existing.pop(old.casefold())
        existing[new.casefold()] = {**row, "name": new}
    for tag in tags:
        row = existing.get(tag.name.casefold())
        if row is not None and (row.get("colour") or "") != tag.colour:
            register.update_tag(row["id"], colour=tag.colour, who=who)
    return problems
