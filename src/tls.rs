//! TLS client settings. Certificates are always verified: against the OS trust store (or
//! Mozilla's roots where the OS has none), plus any CA the caller adds explicitly.

use rustls::{ClientConfig, RootCertStore};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TlsSetupError {
    #[error("{}", crate::t!("tls-ca-unreadable", path = .path.display().to_string(), reason = .reason.as_str()))]
    CaFile { path: PathBuf, reason: String },
    #[error("{}", crate::t!("tls-ca-empty", path = .path.display().to_string()))]
    CaFileEmpty { path: PathBuf },
}

/// Builds the client configuration, trusting the system roots and each PEM file in `extra_ca`.
pub fn client_config(extra_ca: &[PathBuf]) -> Result<Arc<ClientConfig>, TlsSetupError> {
    let mut roots = system_roots().clone();
    for path in extra_ca {
        add_ca_file(&mut roots, path)?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

fn add_ca_file(roots: &mut RootCertStore, path: &Path) -> Result<(), TlsSetupError> {
    let ca_error = |reason: String| TlsSetupError::CaFile {
        path: path.to_path_buf(),
        reason,
    };
    let mut added = 0;
    for cert in CertificateDer::pem_file_iter(path).map_err(|e| ca_error(e.to_string()))? {
        let cert = cert.map_err(|e| ca_error(e.to_string()))?;
        roots.add(cert).map_err(|e| ca_error(e.to_string()))?;
        added += 1;
    }
    if added == 0 {
        return Err(TlsSetupError::CaFileEmpty {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The OS trust store, loaded once per process; Mozilla's roots where the OS has none.
fn system_roots() -> &'static RootCertStore {
    static ROOTS: OnceLock<RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut roots = RootCertStore::empty();
        let (added, _ignored) =
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        if added == 0 {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        roots
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_empty_ca_files_are_named() {
        let missing = client_config(&[PathBuf::from("/nonexistent/ca.pem")]).unwrap_err();
        assert!(missing.to_string().contains("/nonexistent/ca.pem"));
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate").unwrap();
        assert!(matches!(
            client_config(&[empty]),
            Err(TlsSetupError::CaFileEmpty { .. })
        ));
    }

    #[test]
    fn system_roots_are_never_empty() {
        assert!(!system_roots().is_empty());
    }
}
