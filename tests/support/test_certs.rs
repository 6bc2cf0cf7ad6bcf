//! Test certificates generated at test time with rcgen: a test CA and the
//! leaf certificate the fake Gmail server presents for each [`CertVariant`].

use std::path::PathBuf;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, date_time_ymd,
};
use rustls::RootCertStore;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// Which certificate the server presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CertVariant {
    /// Leaf for DNS `localhost` and `smtp.gmail.com`, IP 127.0.0.1 and IP ::1, signed by the test CA.
    #[default]
    Valid,
    /// Same names, signed by the test CA, but `not_after` is in the past (2021).
    Expired,
    /// Leaf only for `mail.example.test`, signed by the test CA.
    WrongHost,
    /// Leaf for localhost/127.0.0.1/::1 signed by a different CA that is not the one in [`TestCa`].
    Untrusted,
}

/// The test CA that clients are told to trust. The PEM is also written to
/// `file`, inside a temporary directory that lives as long as this struct.
pub struct TestCa {
    pub pem: String,
    pub file: PathBuf,
    pub der: CertificateDer<'static>,
    _dir: tempfile::TempDir,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCa").field("file", &self.file).finish()
    }
}

impl TestCa {
    /// A root store holding only this CA.
    pub fn root_store(&self) -> RootCertStore {
        let mut roots = RootCertStore::empty();
        roots
            .add(self.der.clone())
            .expect("add test CA to root store");
        roots
    }

    /// A rustls client configuration (ring provider) that trusts only this CA.
    pub fn client_config(&self) -> Arc<rustls::ClientConfig> {
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(self.root_store())
        .with_no_client_auth();
        Arc::new(config)
    }
}

/// Everything the server needs for one run: the CA clients trust, and the
/// chain + key the server presents.
pub struct ServerCerts {
    pub ca: TestCa,
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

/// The names a valid leaf is for: loopback, and smtp.gmail.com for the window's tests, which
/// show the server under Gmail's name (reached through `--connect-to`-style settings).
const GOOD_NAMES: [&str; 4] = ["localhost", "127.0.0.1", "::1", "smtp.gmail.com"];

/// A CA whose name is unique per call, so that two test CAs never look like
/// the same issuer to a verifier.
fn new_ca(common_name: &str) -> CertifiedIssuer<'static, KeyPair> {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let unique = hasher.finish();
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, format!("{common_name} {unique:016x}"));
    params
        .distinguished_name
        .push(DnType::OrganizationName, "smtp-setup tests");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.not_before = date_time_ymd(2020, 1, 1);
    params.not_after = date_time_ymd(2099, 12, 31);
    let key = KeyPair::generate().expect("generate CA key");
    CertifiedIssuer::self_signed(params, key).expect("self-sign CA")
}

fn leaf_params(names: &[&str]) -> CertificateParams {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let mut params = CertificateParams::new(names).expect("leaf params");
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, "smtp.gmail.com (test)");
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    params.not_before = date_time_ymd(2020, 1, 1);
    params.not_after = date_time_ymd(2099, 12, 31);
    params
}

fn write_ca(issuer: &CertifiedIssuer<'static, KeyPair>) -> TestCa {
    let pem = issuer.pem();
    let dir = tempfile::Builder::new()
        .prefix("smtp-setup-test-ca")
        .tempdir()
        .expect("tempdir for test CA");
    let file = dir.path().join("ca.pem");
    std::fs::write(&file, &pem).expect("write ca.pem");
    TestCa {
        pem,
        file,
        der: issuer.der().clone(),
        _dir: dir,
    }
}

/// Generate a fresh test CA and the server certificate for `variant`.
pub fn generate(variant: CertVariant) -> ServerCerts {
    let ca_issuer = new_ca("smtp-setup Test CA");
    let ca = write_ca(&ca_issuer);

    let leaf_key = KeyPair::generate().expect("generate leaf key");
    let (leaf, issuer_der) = match variant {
        CertVariant::Valid => {
            let cert = leaf_params(&GOOD_NAMES)
                .signed_by(&leaf_key, &ca_issuer)
                .expect("sign leaf");
            (cert, ca_issuer.der().clone())
        }
        CertVariant::Expired => {
            let mut params = leaf_params(&GOOD_NAMES);
            params.not_before = date_time_ymd(2020, 1, 1);
            params.not_after = date_time_ymd(2021, 1, 1);
            let cert = params.signed_by(&leaf_key, &ca_issuer).expect("sign leaf");
            (cert, ca_issuer.der().clone())
        }
        CertVariant::WrongHost => {
            let cert = leaf_params(&["mail.example.test"])
                .signed_by(&leaf_key, &ca_issuer)
                .expect("sign leaf");
            (cert, ca_issuer.der().clone())
        }
        CertVariant::Untrusted => {
            let other = new_ca("Untrusted Other CA");
            let cert = leaf_params(&GOOD_NAMES)
                .signed_by(&leaf_key, &other)
                .expect("sign leaf");
            (cert, other.der().clone())
        }
    };
    let chain = vec![leaf.der().clone(), issuer_der];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    ServerCerts { ca, chain, key }
}
