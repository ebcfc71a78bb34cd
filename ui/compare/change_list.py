"""The change list of compare mode: money first ("capital £3.2m → £3.6m"), the two financial
summaries compared, recommendations added, removed or reworded, then every change (money
first, then reading order) with its page on each side. Choosing an entry shows it on both
pages. Its ``export_xlsx`` / ``export_pdf`` actions (the compare toolbar's Export Changes
menu) ask for the changes as an Excel sheet or as the later paper with each change annotated
(``export_requested(kind)``: "xlsx" or "pdf")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mopac_desk.compare import Comparison
from mopac_desk.compare.classify import Change
from mopac_desk.terminal import printable

from .export import PDF, XLSX
from .marks import kind_colour

SHOWN = 120  # characters of a change's text in one row
NAME_SHOWN = 40  # characters of a file name in the heading
CONTEXT = 4  # words kept either side of what a reworded recommendation changed
MIN_WIDTH, HINT_WIDTH = 160, 300  # pixels
ROLE = Qt.ItemDataRole.UserRole
#: where an entry stands on one side: (1-based page, rect or None), or None
Place = tuple[int, Any] | None


def short(text: str | None) -> str:
    """One line of paper text, made safe and cut to fit a row. Only the head a row can show
    is looked at: a deleted appendix is a change of 100,000 characters, and making all of
    it safe took a tenth of a second of the window's time."""
    raw = text or ""
    head = raw[:SHOWN * 4]  # ample for SHOWN characters once runs of spaces are one
    t = printable(" ".join(head.split()))
    return t if len(t) <= SHOWN and len(head) == len(raw) else t[:SHOWN - 1] + "…"


def file_name(name: str) -> str:
    """A file name for the heading: a long one loses its middle (the sides' titles and
    their tooltips have it whole), its end ("… v3 FINAL.pdf") telling versions apart."""
    t = short(name)
    return t if len(t) <= NAME_SHOWN else f"{t[:NAME_SHOWN // 2 - 1]}…{t[-(NAME_SHOWN // 2):]}"


def pages(old: int | None, new: int | None) -> str:
    return f"p. {old if old is not None else '–'} → p. {new if new is not None else '–'}"


def around_difference(old: str, new: str) -> tuple[str, str]:
    """Two wordings cut to what differs and a few words either side ("… across six
    sites." / "… across seven sites."), so that a row cut to fit still shows the change."""
    a, b = old.split(), new.split()
    pre = 0
    while pre < min(len(a), len(b)) and a[pre] == b[pre]:
        pre += 1
    suf = 0
    while suf < min(len(a), len(b)) - pre and a[-1 - suf] == b[-1 - suf]:
        suf += 1

    def cut(words: list[str]) -> str:
        start, end = max(0, pre - CONTEXT), len(words) - max(0, suf - CONTEXT)
        return (("… " if start else "") + " ".join(words[start:end])
                + (" …" if end < len(words) else ""))

    return cut(a), cut(b)


def describe(change: Change) -> str:
    """What a change did, in a few words: "inserted “…”", "changed “a” → “b”"."""
    o = short(change.old.text) if change.old else ""
    n = short(change.new.text) if change.new else ""
    if change.kind == "insert":
        return f"inserted “{n}”"
    if change.kind == "delete":
        return f"deleted “{o}”"
    if change.kind == "renumber":
        return f"paragraphs renumbered {o} → {n}"
    word = "case changed" if change.kind == "format" else "changed"
    return f"{word} “{o}” → “{n}”"


class ChangeList(QWidget):
    """The comparison's entries in groups; ``change_chosen(index)`` for a word change,
    ``place_chosen(old place, new place)`` for a summary figure or a recommendation."""

    change_chosen = Signal(int)
    place_chosen = Signal(object, object)
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeList")
        self.heading = QLabel("", self)
        self.heading.setWordWrap(True)
        self.heading.setContentsMargins(6, 4, 6, 4)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("changeTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        # A row wraps to the list's width: QTreeView measures rows as if unbounded (one line,
        # cut with "…"), which left "capital £2.025 million → £2.4 …" unreadable.
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_a: self.tree.doItemsLayout())
        self.tree.setAccessibleName("Changes between the two papers")
        self.tree.itemActivated.connect(self._chosen)
        self.tree.itemClicked.connect(self._chosen)
        # Arrowing through the list shows each entry on the pages as it goes.
        self.tree.currentItemChanged.connect(
            lambda item, _previous: self._chosen(item) if item is not None else None)
        self.export_xlsx = QAction("Export Changes as &Excel…", self)
        self.export_xlsx.triggered.connect(lambda: self.export_requested.emit(XLSX))
        self.export_pdf = QAction("Export Changes as Annotated &PDF…", self)
        self.export_pdf.setToolTip("The later paper with each change as a comment any PDF "
                                   "reader shows")
        self.export_pdf.triggered.connect(lambda: self.export_requested.emit(PDF))
        #: Excel… and Annotated PDF…: the compare toolbar's Export Changes opens it (one
        #: entry point for both kinds; File › Export Changes… offers both file types)
        self.export_menu = QMenu(self)
        self.export_menu.addAction(self.export_xlsx)
        self.export_menu.addAction(self.export_pdf)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.heading)
        box.addWidget(self.tree, 1)
        self._set_exportable(False)
        # A row should read as a sentence: the splitter gives the list its hint's width.
        self.setMinimumWidth(MIN_WIDTH)
        self._by_change: dict[int, QTreeWidgetItem] = {}

    def sizeHint(self) -> QSize:
        return QSize(HINT_WIDTH, super().sizeHint().height())

    # ===== filling ===========================================================================
    def set_comparison(self, comparison: Comparison | None) -> None:
        """List ``comparison``'s entries (None: nothing)."""
        self._set_exportable(comparison is not None)
        self.tree.blockSignals(True)
        try:
            self._fill(comparison)
        finally:
            self.tree.blockSignals(False)

    def _fill(self, comparison: Comparison | None) -> None:
        self.tree.clear()
        self._by_change = {}
        if comparison is None:
            self.heading.setText("")
            return
        c = comparison
        old, new = file_name(c.old.name), file_name(c.new.name)
        self.heading.setText(
            f"{old} ({c.old.pages} p.) → {new} ({c.new.pages} p.): "
            f"{len(c.changes)} change(s)" if c.changes or c.recommendations or c.summary_changes
            else f"{old} → {new}: no change in the text")
        read = [side for side, v in (("earlier", c.old), ("later", c.new)) if v.ocr]
        if read:
            self.heading.setText(self.heading.text() + f" (the {' and the '.join(read)} "
                                 f"read by OCR)")
        if c.amounts:
            group = self._group(f"Money ({len(c.amounts)})")
            for a in c.amounts:
                self._entry(group, f"£  {short(a.describe())}", pages(a.old_page, a.new_page),
                            ("change", a.change))
        if c.summary_changes:
            group = self._group("Financial summary")
            many = max(len(c.old_summaries), len(c.new_summaries)) > 1
            for s in c.summary_changes:
                paper = f"paper {s.paper + 1}: " if many else ""
                before, after = s.stated("old"), s.stated("new")
                old_at = (s.old_pages[0], None) if s.old_pages else None
                new_at = (s.new_pages[0], None) if s.new_pages else None
                where = (f"p. {','.join(map(str, s.old_pages)) or '–'} → "
                         f"p. {','.join(map(str, s.new_pages)) or '–'}")
                self._entry(group, f"{paper}{s.kind} {before} → {after}", where,
                            ("place", old_at, new_at))
        if c.recommendations:
            group = self._group(f"Recommendations ({len(c.recommendations)})")
            for r in c.recommendations:
                rec = r.new or r.old
                num = f"{rec.number}. " if rec is not None and rec.number else ""
                if r.change == "reworded":
                    before, after = around_difference(r.old.text, r.new.text)
                    text = f"reworded {num}“{short(before)}” → “{short(after)}”"
                else:
                    text = f"{r.change} {num}“{short(rec.text if rec else '')}”"
                self._entry(group, text, pages(r.old.page if r.old else None,
                                               r.new.page if r.new else None),
                            ("place", _rec_place(r.old), _rec_place(r.new)))
        group = self._group(f"Changes ({len(c.changes)})")
        index = {id(ch): k for k, ch in enumerate(c.changes)}
        doubtful = set(c.doubtful())
        for ch in c.money_first():
            k = index[id(ch)]
            check = (f" — read by OCR at {ch.ocr_confidence or 0:.0f}%: compare with the page"
                     if k in doubtful else "")
            item = self._entry(group, ("£  " if ch.money else "") + describe(ch) + check,
                               pages(ch.old.page if ch.old else None,
                                     ch.new.page if ch.new else None), ("change", k))
            item.setForeground(0, kind_colour(ch.kind, 255).darker(170))
            self._by_change[k] = item
        noise = None
        if c.ocr_noise:
            # OCR's misreadings of a scan: listed, so nothing is hidden, but folded away.
            noise = self._group(f"Read differently by OCR, not counted ({len(c.ocr_noise)})")
            noise.setToolTip(0, "Where a scan's words, read by OCR, differ from the other "
                             "paper's only by a misread letter, a split number or case")
            for ch in c.ocr_noise:
                self._entry(noise, f"“{short(ch.old.text if ch.old else '')}” / "
                                   f"“{short(ch.new.text if ch.new else '')}”",
                            pages(ch.old.page if ch.old else None,
                                  ch.new.page if ch.new else None),
                            ("place", _side_place(ch.old), _side_place(ch.new)))
        self.tree.expandAll()
        if noise is not None:
            noise.setExpanded(False)

    def _set_exportable(self, on: bool) -> None:
        for action in (self.export_xlsx, self.export_pdf):
            action.setEnabled(on)

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _entry(self, group: QTreeWidgetItem, text: str, where: str,
               data: tuple) -> QTreeWidgetItem:
        item = QTreeWidgetItem(group, [f"{text}   [{where}]"])
        item.setToolTip(0, f"{text} ({where})")
        item.setData(0, ROLE, data)
        return item

    # ===== reading it back ===================================================================
    def entries(self) -> list[tuple[str, list[str]]]:
        """``(group title, [row text])`` as shown, top to bottom."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            out.append((group.text(0), [group.child(i).text(0)
                                        for i in range(group.childCount())]))
        return out

    def select_change(self, index: int) -> None:
        """Mark change ``index`` as the current row (without emitting)."""
        item = self._by_change.get(index)
        if item is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if not data:
            return
        if data[0] == "change":
            self.change_chosen.emit(int(data[1]))
        else:
            self.place_chosen.emit(data[1], data[2])


class _WrappingDelegate(QStyledItemDelegate):
    """Measures a row wrapped to the width its column gives it."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 1 if self._tree.rootIsDecorated() else 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self._tree.columnWidth(0) - depth * self._tree.indentation()
        opt.rect = QRect(0, 0, max(40, width), 1)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return self._tree.style().sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), self._tree)


def _side_place(side: Any) -> Place:
    if side is None or not side.page:
        return None
    return int(side.page), (side.rects[0] if side.rects else None)


def _rec_place(rec: Any) -> Place:
    if rec is None or not rec.page:
        return None
    return int(rec.page), (rec.rects[0] if rec.rects else None)
