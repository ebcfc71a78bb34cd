"""A paper's confidential Part 2 form, laid out by a :class:`~tests.helpers.paper_pdf.Flow`
after its decision form and report (for the Part 2 segmentation and publication tests)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.helpers.paper_pdf import Flow

PART2_HEADING = "PART 2 – CONFIDENTIAL FACTS AND ADVICE TO THE DMPC"


@dataclass
class Part2Spec:
    """What a Part 2 form says: the bidders, their bids and the confidential advice. Every
    word here is confidential: none may reach a publication."""

    title: str = "Custody Estate Renewal 2024/25"
    marking: str = "OFFICIAL-SENSITIVE [COMMERCIAL]"
    preferred: str = "Northgate Locksmiths Ltd"
    preferred_bid: str = "£1,742,300"
    second: str = "Barrowfield Security plc"
    second_bid: str = "£1,918,650"
    advice: list[str] = field(default_factory=lambda: [
        "The evaluation panel scored the bids on quality and price in the ratio 60:40.",
        "Legal advice is that the award can be made under the estates framework without a "
        "further call-off competition.",
    ])

    @property
    def secrets(self) -> list[str]:
        """The words a publication must never carry."""
        return [self.preferred, self.preferred_bid, self.second, self.second_bid,
                "Northgate", "Barrowfield", "1,742,300", "1,918,650"]


def write_part2(flow: Flow, spec: Part2Spec) -> None:
    """Lay out a Part 2 form on pages of its own."""
    if flow.pages[-1]:
        flow.new_page()
    flow.para(spec.marking)
    flow.heading(PART2_HEADING, number=False)
    flow.para(f"This part of the paper on {spec.title} is exempt from publication.")
    flow.heading("Commercial evaluation", number=False)
    flow.para(f"Two compliant bids were received. {spec.preferred} bid {spec.preferred_bid} "
              f"and {spec.second} bid {spec.second_bid}.")
    for text in spec.advice:
        flow.para(text)
    flow.heading("Confidential recommendation", number=False)
    flow.para(f"The DMPC is advised to award the contract to {spec.preferred} at "
              f"{spec.preferred_bid}, the most economically advantageous tender.")
    flow.new_page()
