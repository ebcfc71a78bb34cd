"""Meeting packs: the pack model, the Excel workbook writer, and building packs from the register."""
