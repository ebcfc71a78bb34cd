"""A really signed paper (pyHanko, a throw-away certificate) keeps a valid signature when its
annotations are exported, because the export is an incremental update."""

from __future__ import annotations

import datetime

import pytest

pytest.importorskip("pyhanko")

from asn1crypto import keys as asn1_keys, x509 as asn1_x509  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign import signers  # noqa: E402
from pyhanko.sign.validation import validate_pdf_signature  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402
from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: E402

from mopac_desk.annotations.model import Annotation, Reply  # noqa: E402
from mopac_desk.annotations.pdf_read import read_annotations  # noqa: E402
from mopac_desk.annotations.pdf_write import export_annotated  # noqa: E402


def _signer() -> tuple[signers.SimpleSigner, asn1_x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "MOPAC test signer")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    a_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    a_key = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=a_cert, signing_key=a_key,
                                cert_registry=SimpleCertificateStore.from_certs([a_cert])), a_cert


def _status(path, cert):
    with path.open("rb") as fh:
        sig = PdfFileReader(fh).embedded_signatures[0]
        return validate_pdf_signature(sig, ValidationContext(trust_roots=[cert]))


def test_the_signature_stays_valid_after_the_export(plain_pdf, tmp_path):
    signer, cert = _signer()
    signed = tmp_path / "signed.pdf"
    with plain_pdf.open("rb") as fh:
        out = signers.sign_pdf(IncrementalPdfFileWriter(fh),
                               signers.PdfSignatureMetadata(field_name="Approval"),
                               signer=signer)
    signed.write_bytes(out.getvalue())
    comments = [
        Annotation(kind="highlight", page=1, rects=[[72, 720, 200, 735]], contents="Check",
                   status="accepted", replies=[Reply("Tom", "Agreed")]),
        Annotation(kind="note", page=2, rects=[[500, 700, 520, 720]], contents="Ask"),
    ]
    exported = tmp_path / "exported.pdf"
    result = export_annotated(signed, comments, exported)
    assert result.incremental
    status = _status(exported, cert)
    assert status.intact and status.valid and status.trusted
    assert [a.contents for a in read_annotations(exported)] == ["Check", "Ask"]
    # what a whole rewrite would have done: the signed bytes no longer what was signed
    rewritten = tmp_path / "rewritten.pdf"
    export_annotated(signed, comments, rewritten, incremental=False)
    try:
        broken = not _status(rewritten, cert).intact
    except Exception:  # pyHanko cannot even find the signed bytes where they were
        broken = True
    assert broken
