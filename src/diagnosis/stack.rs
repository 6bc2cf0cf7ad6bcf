//! Which stack printed an error, from the names its messages carry (a Django traceback's
//! module paths, .NET's exception type, Nodemailer's codes), so the fix can name that stack's
//! own setting. The ids are `export` format names.

/// Markers, in order: the more specific first (Django's traceback also mentions smtplib).
const MARKERS: &[(&str, &str)] = &[
    ("django", "django"),
    ("flask_mail", "flask"),
    ("phpmailer", "phpmailer"),
    ("laravel", "laravel"),
    ("symfony\\component\\mailer", "laravel"),
    ("wp mail smtp", "wordpress"),
    ("nodemailer", "nodemailer"),
    ("mailkit", "mailkit"),
    ("system.net.mail", "smtpclient"),
    ("smtpexception", "smtpclient"),
    ("org.springframework", "spring"),
    ("jakarta.mail", "spring"),
    ("javax.mail", "spring"),
    ("net::smtp", "rails"),
    ("actionmailer", "rails"),
    ("net/smtp", "go"),
    ("msmtp", "msmtp"),
    ("smtplib", "python"),
];

/// The export format of the stack `text` came from, if it says.
pub(super) fn of_text(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    MARKERS
        .iter()
        .find(|(marker, _)| lower.contains(marker))
        .map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_stack_from_its_own_words() {
        let django = "File \"/usr/lib/python3/dist-packages/django/core/mail/backends/smtp.py\", \
                      line 67, in open\n    self.connection = self.connection_class(...)\n  File \
                      \"/usr/lib/python3.11/smtplib.py\", line 1050";
        assert_eq!(of_text(django), Some("django"));
        assert_eq!(
            of_text("System.Net.Mail.SmtpException: Failure sending mail."),
            Some("smtpclient")
        );
        assert_eq!(
            of_text(
                "Error: Greeting never received at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js)"
            ),
            Some("nodemailer")
        );
        assert_eq!(
            of_text("535 5.7.8 Username and Password not accepted"),
            None
        );
    }
}
