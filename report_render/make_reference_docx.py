#!/usr/bin/python3
"""Makes lkip-reference.docx, the reference document pandoc takes lkip.docx's page setup and
styles from (pandoc --reference-doc): pandoc's own default reference document with

- an A4 page (pandoc's default section has no page size, so a word processor picks Letter),
  margins of 3 cm left and top and 2.5 cm right and bottom, as the PDF's;
- a footer with the page number (a PAGE field), centred;
- every chapter (the Markdown's "##", which the conversion makes Heading 1) and the daftar isi
  starting on a new page;
- one type family (the theme's heading and body fonts both Arial, which every word processor
  has or substitutes with a metric twin) and Indonesian as the language.

Built at build time from the pandoc that will convert the report, so the styles pandoc expects
are always there. The zip is written with fixed times and in a fixed order, so the same pandoc
gives the same bytes (the report's manifest records their digest).

Usage: make_reference_docx.py PANDOC OUTPUT
"""
import io
import re
import subprocess
import sys
import zipfile

FOOTER_ID = "rIdLkipFooter"
FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>1</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '</w:p></w:ftr>')
# A4 in twentieths of a point (210 x 297 mm); 1 cm = 567.
SECTION = (
    f'<w:sectPr><w:footerReference w:type="default" r:id="{FOOTER_ID}"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1701" w:right="1418" w:bottom="1418" w:left="1701" '
    'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')
FONT = "Arial"


def replace_once(text, old, new, part):
    """text with old replaced by new, exactly once: pandoc's default changed if not."""
    if text.count(old) != 1:
        sys.exit(f"make_reference_docx: {part}: expected one {old!r} in pandoc's reference.docx")
    return text.replace(old, new)


def style_with_page_break(styles, style_id):
    pattern = re.compile(r'(<w:style [^>]*w:styleId="%s".*?<w:pPr>)' % style_id, re.S)
    styles, n = pattern.subn(r"\1<w:pageBreakBefore />", styles, count=1)
    if n != 1:
        sys.exit(f"make_reference_docx: word/styles.xml: no paragraph properties for {style_id}")
    return styles


def patch(name, data):
    if name == "word/document.xml":
        text = data.decode("utf-8")
        if "xmlns:r=" not in text:
            sys.exit("make_reference_docx: word/document.xml declares no r: namespace")
        text, n = re.subn(r"<w:sectPr\s*/>|<w:sectPr>.*?</w:sectPr>", SECTION, text, flags=re.S)
        if n != 1:
            sys.exit("make_reference_docx: word/document.xml: expected one section")
        return text.encode("utf-8")
    if name == "word/_rels/document.xml.rels":
        rel = (f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               f'relationships/footer" Id="{FOOTER_ID}" Target="footer1.xml" />')
        return replace_once(data.decode("utf-8"), "</Relationships>", rel + "</Relationships>",
                            name).encode("utf-8")
    if name == "[Content_Types].xml":
        override = ('<Override PartName="/word/footer1.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" />')
        return replace_once(data.decode("utf-8"), "</Types>", override + "</Types>", name).encode("utf-8")
    if name == "word/styles.xml":
        text = data.decode("utf-8")
        for style_id in ("Heading1", "TOCHeading"):
            text = style_with_page_break(text, style_id)
        text = replace_once(text, 'w:val="en-US" w:eastAsia="en-US"', 'w:val="id-ID" w:eastAsia="id-ID"', name)
        return text.encode("utf-8")
    if name == "word/theme/theme1.xml":
        text, n = re.subn(r'<a:latin typeface="[^"]*"', f'<a:latin typeface="{FONT}"', data.decode("utf-8"))
        if n != 2:
            sys.exit("make_reference_docx: word/theme/theme1.xml: expected a major and a minor font")
        return text.encode("utf-8")
    return data


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    pandoc, output = sys.argv[1:]
    default = subprocess.run([pandoc, "--print-default-data-file", "reference.docx"],
                             check=True, capture_output=True).stdout
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(default)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made:
        names = source.namelist()
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            made.writestr(info, patch(name, source.read(name)))
        info = zipfile.ZipInfo("word/footer1.xml", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        made.writestr(info, FOOTER.encode("utf-8"))
    with open(output, "wb") as f:
        f.write(out.getvalue())


if __name__ == "__main__":
    main()
