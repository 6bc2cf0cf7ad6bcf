//! The relay as a service started at login: a systemd user unit or a launchd LaunchAgent,
//! printed with the commands that install it. Nothing is installed by smtp-setup itself.

use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceKind {
    Systemd,
    Launchd,
}

impl ServiceKind {
    pub fn from_id(id: &str) -> Option<ServiceKind> {
        match id {
            "systemd" => Some(ServiceKind::Systemd),
            "launchd" => Some(ServiceKind::Launchd),
            _ => None,
        }
    }
}

/// The file and how to install it, for `program` run with `args` (after `relay`).
pub struct ServiceFile {
    /// Where the file goes.
    pub path: &'static str,
    pub text: String,
    /// Shell commands that install and start it, in order.
    pub install: Vec<String>,
}

/// Quotes an argument for a systemd `ExecStart=` line or a shell.
fn quoted(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@=+".contains(c))
    {
        arg.to_string()
    } else {
        format!("\"{}\"", arg.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn render(kind: ServiceKind, program: &Path, args: &[String]) -> ServiceFile {
    let program = program.to_string_lossy().into_owned();
    match kind {
        ServiceKind::Systemd => {
            let exec: Vec<String> = std::iter::once(program.as_str())
                .chain(std::iter::once("relay"))
                .chain(args.iter().map(String::as_str))
                .map(quoted)
                .collect();
            let text = format!(
                "[Unit]\n\
                 Description=smtp-setup local SMTP relay to Gmail\n\
                 Documentation=https://github.com/smtp-setup/smtp-setup#relay\n\
                 After=graphical-session.target\n\
                 \n\
                 [Service]\n\
                 # The keychain (Secret Service) of the logged-in user holds the credential.\n\
                 ExecStart={}\n\
                 Restart=on-failure\n\
                 RestartSec=10\n\
                 \n\
                 [Install]\n\
                 WantedBy=default.target\n",
                exec.join(" ")
            );
            ServiceFile {
                path: "~/.config/systemd/user/smtp-setup-relay.service",
                text,
                install: vec![
                    "mkdir -p ~/.config/systemd/user".into(),
                    "smtp-setup relay --print-service systemd > ~/.config/systemd/user/smtp-setup-relay.service".into(),
                    "systemctl --user daemon-reload".into(),
                    "systemctl --user enable --now smtp-setup-relay.service".into(),
                    "journalctl --user -u smtp-setup-relay -f   # to watch it".into(),
                ],
            }
        }
        ServiceKind::Launchd => {
            let arguments: String = std::iter::once(program.as_str())
                .chain(std::iter::once("relay"))
                .chain(args.iter().map(String::as_str))
                .map(|a| format!("        <string>{}</string>\n", xml(a)))
                .collect();
            let text = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
                 <plist version=\"1.0\">\n\
                 <dict>\n\
                 \x20   <key>Label</key>\n\
                 \x20   <string>com.smtp-setup.relay</string>\n\
                 \x20   <key>ProgramArguments</key>\n\
                 \x20   <array>\n\
                 {arguments}\
                 \x20   </array>\n\
                 \x20   <key>RunAtLoad</key>\n\
                 \x20   <true/>\n\
                 \x20   <key>KeepAlive</key>\n\
                 \x20   <dict>\n\
                 \x20       <key>SuccessfulExit</key>\n\
                 \x20       <false/>\n\
                 \x20   </dict>\n\
                 \x20   <key>StandardErrorPath</key>\n\
                 \x20   <string>/tmp/smtp-setup-relay.log</string>\n\
                 </dict>\n\
                 </plist>\n"
            );
            ServiceFile {
                path: "~/Library/LaunchAgents/com.smtp-setup.relay.plist",
                text,
                install: vec![
                    "smtp-setup relay --print-service launchd > ~/Library/LaunchAgents/com.smtp-setup.relay.plist".into(),
                    "launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/com.smtp-setup.relay.plist".into(),
                    "launchctl kickstart gui/$(id -u)/com.smtp-setup.relay".into(),
                ],
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_start_the_same_relay_command() {
        let args = vec!["--listen".to_string(), "127.0.0.1:2525".to_string()];
        let unit = render(
            ServiceKind::Systemd,
            Path::new("/usr/bin/smtp-setup"),
            &args,
        );
        assert!(
            unit.text
                .contains("ExecStart=/usr/bin/smtp-setup relay --listen 127.0.0.1:2525\n")
        );
        let agent = render(
            ServiceKind::Launchd,
            Path::new("/Applications/a b/smtp-setup"),
            &args,
        );
        assert!(
            agent
                .text
                .contains("<string>/Applications/a b/smtp-setup</string>")
        );
        assert!(agent.text.contains("<string>relay</string>"));
        assert_eq!(quoted("a b\"c"), "\"a b\\\"c\"");
    }
}
