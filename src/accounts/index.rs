//! The account index: everything about an account that is not secret, as TOML in the
//! config directory. Writes are atomic (temporary file, then rename) and serialized across
//! processes with a lock file, so two `store` commands at once lose nothing. A file that
//! cannot be read is reported, never silently replaced.

use crate::address::EmailAddress;
use crate::diagnosis::Cause;
use crate::smtp::{Route, TlsMode};
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Overrides the config directory (tests and scripts).
pub const CONFIG_DIR_ENV: &str = "SMTP_SETUP_CONFIG_DIR";
const INDEX_FILE: &str = "accounts.toml";
const LOCK_FILE: &str = "accounts.lock";
const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    AppPassword,
    #[serde(rename = "oauth")]
    OAuth,
}

impl AuthMethod {
    pub fn label(self) -> String {
        crate::t!(match self {
            AuthMethod::AppPassword => "auth-method-app-password",
            AuthMethod::OAuth => "auth-method-oauth",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestOutcome {
    Ok,
    Failed,
    /// Stopped before it ended: neither OK nor failing.
    Cancelled,
}

/// The last check or test send of an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestResult {
    #[serde(with = "rfc3339")]
    pub time: SystemTime,
    pub outcome: TestOutcome,
    /// The diagnosis cause when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub address: EmailAddress,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub provider: String,
    pub server: String,
    pub port: u16,
    pub tls: TlsMode,
    pub auth: AuthMethod,
    #[serde(with = "rfc3339")]
    pub created: SystemTime,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub last_verified: Option<SystemTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_test: Option<TestResult>,
    /// When the Google sign-in was made (Google sign-in only).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub signed_in: Option<SystemTime>,
    /// Whether the sign-in's OAuth client is in "Testing", where Google ends sign-ins after
    /// 7 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_testing: Option<bool>,
}

/// How long Google keeps a sign-in whose OAuth client is in "Testing".
pub const TESTING_GRANT_LIFETIME: std::time::Duration =
    std::time::Duration::from_secs(7 * 24 * 3600);

impl AccountRecord {
    /// When the Google sign-in stops working, if it does on its own: 7 days after it was
    /// made, for an OAuth client in "Testing".
    pub fn sign_in_expires(&self) -> Option<SystemTime> {
        match (self.auth, self.oauth_testing, self.signed_in) {
            (AuthMethod::OAuth, Some(true), Some(made)) => Some(made + TESTING_GRANT_LIFETIME),
            _ => None,
        }
    }

    /// Time left of the sign-in at `now` (zero once it has ended), if it ends on its own.
    pub fn sign_in_left(&self, now: SystemTime) -> Option<std::time::Duration> {
        self.sign_in_expires()
            .map(|end| end.duration_since(now).unwrap_or_default())
    }

    /// The route the account was verified on, which its checks use.
    pub fn route(&self) -> Route {
        Route {
            host: self.server.clone(),
            port: self.port,
            tls: self.tls,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountIndex {
    #[serde(default = "format_version")]
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, rename = "account")]
    pub accounts: Vec<AccountRecord>,
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

impl AccountIndex {
    pub fn find(&self, address: &str) -> Option<&AccountRecord> {
        self.accounts
            .iter()
            .find(|a| a.address.as_str().eq_ignore_ascii_case(address))
    }

    pub fn find_mut(&mut self, address: &str) -> Option<&mut AccountRecord> {
        self.accounts
            .iter_mut()
            .find(|a| a.address.as_str().eq_ignore_ascii_case(address))
    }

    pub fn is_default(&self, record: &AccountRecord) -> bool {
        self.default_account()
            .is_some_and(|d| d.address == record.address)
    }

    /// The default account: the one marked, or the only one.
    pub fn default_account(&self) -> Option<&AccountRecord> {
        match &self.default {
            Some(address) => self.find(address),
            None if self.accounts.len() == 1 => self.accounts.first(),
            None => None,
        }
    }

    /// Adds or replaces the record with the same address; the first account becomes default.
    pub fn upsert(&mut self, record: AccountRecord) {
        match self.find_mut(record.address.as_str()) {
            Some(existing) => *existing = record,
            None => {
                if self.accounts.is_empty() {
                    self.default = Some(record.address.to_string());
                }
                self.accounts.push(record);
            }
        }
    }

    /// Removes the record; true if there was one. A removed default passes to the first left.
    pub fn remove(&mut self, address: &str) -> bool {
        let before = self.accounts.len();
        self.accounts
            .retain(|a| !a.address.as_str().eq_ignore_ascii_case(address));
        if self
            .default
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case(address))
        {
            self.default = self.accounts.first().map(|a| a.address.to_string());
        }
        self.accounts.len() != before
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{}", crate::t!("index-corrupt", path = .path.display().to_string(), detail = .detail.as_str()))]
    Corrupt { path: PathBuf, detail: String },
    /// `action` is what was done to the file: read, lock, create or write.
    #[error("{}", crate::t!("index-io", action = *.action, path = .path.display().to_string(), error = .source.to_string()))]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", crate::t!("index-no-config-dir", variable = CONFIG_DIR_ENV))]
    NoConfigDir,
}

/// The index file on disk.
#[derive(Clone, Debug)]
pub struct IndexFile {
    dir: PathBuf,
}

impl IndexFile {
    /// `$SMTP_SETUP_CONFIG_DIR`, or the platform config dir (e.g. `~/.config/smtp-setup`).
    pub fn from_env() -> Result<IndexFile, IndexError> {
        if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(IndexFile::in_dir(PathBuf::from(dir)));
        }
        let dirs =
            directories::ProjectDirs::from("", "", "smtp-setup").ok_or(IndexError::NoConfigDir)?;
        Ok(IndexFile::in_dir(dirs.config_dir().to_path_buf()))
    }

    pub fn in_dir(dir: PathBuf) -> IndexFile {
        IndexFile { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(INDEX_FILE)
    }

    /// Reads the index; a missing file is an empty index.
    pub fn load(&self) -> Result<AccountIndex, IndexError> {
        let path = self.path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(AccountIndex::default());
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Err(IndexError::Corrupt {
                    path,
                    detail: crate::t!("index-not-utf8"),
                });
            }
            Err(source) => {
                return Err(IndexError::Io {
                    action: "read",
                    path,
                    source,
                });
            }
        };
        let index: AccountIndex = toml::from_str(&text).map_err(|e| IndexError::Corrupt {
            path: path.clone(),
            detail: e.message().to_string(),
        })?;
        if index.version > FORMAT_VERSION {
            return Err(IndexError::Corrupt {
                path,
                detail: crate::t!("index-newer-format", version = index.version),
            });
        }
        Ok(index)
    }

    /// Reads, changes and writes the index under the lock; returns what `change` returns.
    pub fn update<T>(&self, change: impl FnOnce(&mut AccountIndex) -> T) -> Result<T, IndexError> {
        let _lock = self.lock()?;
        let mut index = self.load()?;
        let result = change(&mut index);
        index.version = FORMAT_VERSION;
        self.write(&index)?;
        Ok(result)
    }

    fn lock(&self) -> Result<File, IndexError> {
        self.create_dir()?;
        let path = self.dir.join(LOCK_FILE);
        let io = |source| IndexError::Io {
            action: "lock",
            path: path.clone(),
            source,
        };
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path).map_err(io)?;
        // Released when the file is closed.
        file.lock().map_err(io)?;
        Ok(file)
    }

    fn create_dir(&self) -> Result<(), IndexError> {
        private_dir(&self.dir).map_err(|source| IndexError::Io {
            action: "create",
            path: self.dir.clone(),
            source,
        })
    }

    /// Atomic replace: a reader sees the old file or the new one, never half of either.
    fn write(&self, index: &AccountIndex) -> Result<(), IndexError> {
        let path = self.path();
        let text = toml::to_string_pretty(index).expect("the index always serializes");
        write_private(&path, text.as_bytes()).map_err(|source| IndexError::Io {
            action: "write",
            path: path.clone(),
            source,
        })
    }
}

/// Creates `dir` (and missing parents) readable by this user only (0700 on Unix).
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Replaces `path` atomically with `contents`, readable by this user only (0600 on Unix). The
/// temporary file has a random name in the same directory and is created new (`O_EXCL`, so
/// a planted file or symlink there is never followed or reused), then renamed over `path`.
pub fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".smtp-setup-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Timestamps as RFC 3339 text, readable in the file.
mod rfc3339 {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::SystemTime;

    pub fn serialize<S: Serializer>(time: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&humantime::format_rfc3339_seconds(*time).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
        let text = String::deserialize(d)?;
        humantime::parse_rfc3339_weak(&text).map_err(serde::de::Error::custom)
    }
}

mod rfc3339_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::SystemTime;

    pub fn serialize<S: Serializer>(time: &Option<SystemTime>, s: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => super::rfc3339::serialize(time, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SystemTime>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        text.map(|t| humantime::parse_rfc3339_weak(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(address: &str) -> AccountRecord {
        AccountRecord {
            address: EmailAddress::parse(address).unwrap(),
            display_name: None,
            provider: "gmail".into(),
            server: "smtp.gmail.com".into(),
            port: 587,
            tls: TlsMode::Starttls,
            auth: AuthMethod::AppPassword,
            created: SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000),
            last_verified: None,
            last_test: None,
            signed_in: None,
            oauth_testing: None,
        }
    }

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = IndexFile::in_dir(dir.path().join("nested"));
        assert_eq!(file.load().unwrap(), AccountIndex::default());
        file.update(|index| {
            index.upsert(record("a@gmail.com"));
            index.upsert(record("b@example.org"));
        })
        .unwrap();
        let index = file.load().unwrap();
        assert_eq!(index.accounts.len(), 2);
        assert_eq!(index.default.as_deref(), Some("a@gmail.com"));
        let text = fs::read_to_string(file.path()).unwrap();
        assert!(
            text.contains("created = \"2027-01-15T08:00:00Z\""),
            "{text}"
        );
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(file.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn corrupt_file_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = IndexFile::in_dir(dir.path().to_path_buf());
        fs::write(file.path(), "[[account]\naddress = ").unwrap();
        let error = file.load().unwrap_err();
        assert!(matches!(error, IndexError::Corrupt { .. }), "{error}");
        assert!(error.to_string().contains("accounts.toml"));
        assert!(
            file.update(|index| index.upsert(record("a@gmail.com")))
                .is_err()
        );
        assert_eq!(
            fs::read_to_string(file.path()).unwrap(),
            "[[account]\naddress = "
        );
    }

    #[test]
    fn removing_the_default_passes_it_on() {
        let mut index = AccountIndex::default();
        index.upsert(record("a@gmail.com"));
        index.upsert(record("b@gmail.com"));
        assert!(index.remove("A@gmail.com"));
        assert_eq!(index.default.as_deref(), Some("b@gmail.com"));
        assert!(!index.remove("a@gmail.com"));
    }
}
