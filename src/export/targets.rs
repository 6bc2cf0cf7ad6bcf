//! One snippet per stack. Each maps the verified route to the stack's own TLS switch (the
//! switch people get wrong: Django's EMAIL_USE_TLS vs EMAIL_USE_SSL, Nodemailer's `secure`,
//! .NET's SmtpClient that cannot do 465) and says in a comment why.

use super::{Context, EnvNames, SecretMode, Target};
use crate::smtp::TlsMode;
use SecretMode::{Environment, Inline, Reference};

/// A string literal for C-like languages (Python, JavaScript, C#, Go, Ruby, YAML): JSON's
/// escaping is valid in each of them.
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A PHP single-quoted literal (no `$` interpolation).
fn php(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A value in a Java properties file.
fn prop(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' | '=' | ':' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A value quoted for msmtp, git config and curl config files: double quotes, `\` and `"`
/// escaped.
fn dq(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The route in words, for the first comment line.
fn route(c: &Context) -> String {
    match c.tls() {
        TlsMode::Starttls => format!("STARTTLS on port {}", c.port()),
        TlsMode::Implicit => format!("implicit TLS on port {}", c.port()),
    }
}

fn starttls(c: &Context) -> bool {
    c.tls() == TlsMode::Starttls
}

const SMTP: EnvNames = super::DEFAULT_ENV;

/// The names Django's snippet reads.
const DJANGO: EnvNames = EnvNames {
    host: "EMAIL_HOST",
    port: "EMAIL_PORT",
    user: "EMAIL_HOST_USER",
    password: "EMAIL_HOST_PASSWORD",
    from: Some("DEFAULT_FROM_EMAIL"),
    tls: |tls| match tls {
        TlsMode::Starttls => &[("EMAIL_USE_TLS", "True"), ("EMAIL_USE_SSL", "False")],
        TlsMode::Implicit => &[("EMAIL_USE_TLS", "False"), ("EMAIL_USE_SSL", "True")],
    },
    fixed: &[],
};

/// Flask-Mail's names.
const FLASK: EnvNames = EnvNames {
    host: "MAIL_SERVER",
    port: "MAIL_PORT",
    user: "MAIL_USERNAME",
    password: "MAIL_PASSWORD",
    from: Some("MAIL_DEFAULT_SENDER"),
    tls: |tls| match tls {
        TlsMode::Starttls => &[("MAIL_USE_TLS", "True"), ("MAIL_USE_SSL", "False")],
        TlsMode::Implicit => &[("MAIL_USE_TLS", "False"), ("MAIL_USE_SSL", "True")],
    },
    fixed: &[],
};

/// Laravel's `.env` names, which its `config/mail.php` reads (process variables win over
/// the file). `MAIL_SCHEME` is Laravel 11's, `MAIL_ENCRYPTION` older versions'.
const LARAVEL: EnvNames = EnvNames {
    host: "MAIL_HOST",
    port: "MAIL_PORT",
    user: "MAIL_USERNAME",
    password: "MAIL_PASSWORD",
    from: Some("MAIL_FROM_ADDRESS"),
    tls: |tls| match tls {
        TlsMode::Starttls => &[("MAIL_SCHEME", "smtp"), ("MAIL_ENCRYPTION", "tls")],
        TlsMode::Implicit => &[("MAIL_SCHEME", "smtps"), ("MAIL_ENCRYPTION", "ssl")],
    },
    fixed: &[("MAIL_MAILER", "smtp")],
};

/// Spring Boot binds SPRING_MAIL_* to spring.mail.* by itself.
const SPRING: EnvNames = EnvNames {
    host: "SPRING_MAIL_HOST",
    port: "SPRING_MAIL_PORT",
    user: "SPRING_MAIL_USERNAME",
    password: "SPRING_MAIL_PASSWORD",
    from: None,
    tls: |_| &[],
    fixed: &[],
};

pub static TARGETS: &[Target] = &[
    Target {
        id: "python",
        name: "Python smtplib",
        keywords: "py script cron",
        file: "send_mail.py",
        modes: &[Environment, Reference, Inline],
        env: Some(SMTP),
        oauth: false,
        render: python,
    },
    Target {
        id: "django",
        name: "Django",
        keywords: "python settings.py",
        file: "settings.py",
        modes: &[Environment, Reference, Inline],
        env: Some(DJANGO),
        oauth: false,
        render: django,
    },
    Target {
        id: "flask",
        name: "Flask-Mail",
        keywords: "python",
        file: "app.py (or config.py)",
        modes: &[Environment, Reference, Inline],
        env: Some(FLASK),
        oauth: false,
        render: flask,
    },
    Target {
        id: "phpmailer",
        name: "PHPMailer",
        keywords: "php",
        file: "the PHP script that sends mail",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: phpmailer,
    },
    Target {
        id: "laravel",
        name: "Laravel",
        keywords: "php .env artisan",
        file: ".env",
        modes: &[Environment, Inline],
        env: Some(LARAVEL),
        oauth: false,
        render: laravel,
    },
    Target {
        id: "wordpress",
        name: "WordPress (WP Mail SMTP)",
        keywords: "php wp-config plugin",
        file: "wp-config.php",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: wordpress,
    },
    Target {
        id: "nodemailer",
        name: "Nodemailer",
        keywords: "node javascript js typescript",
        file: "mail.js",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: nodemailer,
    },
    Target {
        id: "mailkit",
        name: ".NET MailKit",
        keywords: "dotnet csharp c# asp.net",
        file: "the C# code that sends mail",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: mailkit,
    },
    Target {
        id: "smtpclient",
        name: ".NET SmtpClient (System.Net.Mail)",
        keywords: "dotnet csharp c# asp.net system.net.mail",
        file: "the C# code that sends mail",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: smtpclient,
    },
    Target {
        id: "spring",
        name: "Spring Boot",
        keywords: "java kotlin application.properties javamail",
        file: "src/main/resources/application.properties",
        modes: &[Environment, Inline],
        env: Some(SPRING),
        oauth: false,
        render: spring,
    },
    Target {
        id: "rails",
        name: "Rails Action Mailer",
        keywords: "ruby",
        file: "config/environments/production.rb",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: rails,
    },
    Target {
        id: "go",
        name: "Go net/smtp",
        keywords: "golang",
        file: "main.go",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: go,
    },
    Target {
        id: "msmtp",
        name: "msmtp (sendmail for cron, PHP mail(), mutt)",
        keywords: "sendmail cron mutt neomutt php mail() linux",
        file: "~/.msmtprc",
        modes: &[Reference, Inline],
        env: None,
        oauth: true,
        render: msmtp,
    },
    Target {
        id: "postfix",
        name: "Postfix relay",
        keywords: "relayhost sasl_passwd mta server linux",
        file: "/etc/postfix/main.cf and /etc/postfix/sasl_passwd",
        modes: &[Reference, Inline],
        env: None,
        oauth: false,
        render: postfix,
    },
    Target {
        id: "git",
        name: "git send-email",
        keywords: "patches kernel",
        file: "~/.gitconfig",
        modes: &[Reference, Inline],
        env: None,
        oauth: false,
        render: git,
    },
    Target {
        id: "home-assistant",
        name: "Home Assistant (notify: smtp)",
        keywords: "yaml hass notification",
        file: "configuration.yaml",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: home_assistant,
    },
    Target {
        id: "env",
        name: ".env / Docker environment",
        keywords: "docker compose container environment variables",
        file: ".env",
        modes: &[Environment, Inline],
        env: Some(SMTP),
        oauth: false,
        render: dotenv,
    },
    Target {
        id: "curl",
        name: "curl",
        keywords: "shell bash script command line",
        file: "a shell script",
        modes: &[Reference, Environment, Inline],
        env: Some(SMTP),
        oauth: true,
        render: curl,
    },
];

/// How a Python snippet gets the password (an expression, and the import it needs): from the
/// environment, from the keychain through `keyring` (the same entry: service and username;
/// readable on Linux and macOS, not on Windows, where the command is asked instead), or
/// written in.
fn python_password(c: &Context, env: &str) -> (String, &'static str) {
    match c.mode {
        Environment => (format!("os.environ[{}]", q(env)), ""),
        Reference if cfg!(windows) => (
            format!(
                "subprocess.run([\"smtp-setup\", \"password\", \"--account\", {}], capture_output=True, text=True, check=True).stdout.strip()",
                q(c.user())
            ),
            "import subprocess\n",
        ),
        Reference => (
            format!("keyring.get_password({}, {})", q(c.service), q(c.user())),
            "import keyring  # pip install keyring: it reads smtp-setup's keychain entry\n",
        ),
        Inline => (c.inline(q), ""),
    }
}

fn python(c: &Context) -> String {
    let (password, import) = python_password(c, SMTP.password);
    let connect = if starttls(c) {
        "# 587 starts plain: STARTTLS turns encryption on before the login.\n\
         with smtplib.SMTP(HOST, PORT, local_hostname=NAME, timeout=30) as smtp:\n    smtp.starttls(context=context)\n"
    } else {
        "# 465: TLS from the first byte.\n\
         with smtplib.SMTP_SSL(HOST, PORT, local_hostname=NAME, context=context, timeout=30) as smtp:\n"
    };
    format!(
        "# Python smtplib: one message through Gmail as {user} ({route}).\n\
         import os\nimport smtplib\nimport socket\nimport ssl\n{import}from email.message import EmailMessage\n\n\
         HOST, PORT = {host}, {port}\nUSER = {quser}\nPASSWORD = {password}\n\
         # The name smtplib greets with. Its default can be \"localhost\", which Gmail may refuse\n\
         # (421 4.7.0 Try again later, closing connection. (EHLO)).\n\
         NAME = socket.gethostname()\n\n\
         message = EmailMessage()\nmessage[\"From\"] = USER\nmessage[\"To\"] = USER\n\
         message[\"Subject\"] = \"Hello from Python\"\n\
         message.set_content(\"Sent through Gmail with smtplib.\")\n\n\
         context = ssl.create_default_context()  # verifies the server's certificate\n\
         {connect}    smtp.login(USER, PASSWORD)\n    smtp.send_message(message)\n",
        user = c.user(),
        route = route(c),
        host = q(c.host()),
        port = c.port(),
        quser = q(c.user()),
    )
}

fn django(c: &Context) -> String {
    let (password, import) = python_password(c, DJANGO.password);
    let (use_tls, use_ssl, why) = if starttls(c) {
        ("True", "False", "587: STARTTLS, so EMAIL_USE_TLS")
    } else {
        (
            "False",
            "True",
            "465: TLS from the first byte, so EMAIL_USE_SSL",
        )
    };
    format!(
        "# settings.py: Gmail SMTP for {user} ({route}).\nimport os\nimport socket\n{import}\n\
         from django.core.mail.utils import DNS_NAME\n\n\
         EMAIL_BACKEND = \"django.core.mail.backends.smtp.EmailBackend\"\n\
         EMAIL_HOST = {host}\nEMAIL_PORT = {port}\n\
         # {why}; never both True.\nEMAIL_USE_TLS = {use_tls}\nEMAIL_USE_SSL = {use_ssl}\n\
         EMAIL_HOST_USER = {quser}\nEMAIL_HOST_PASSWORD = {password}\n\
         DEFAULT_FROM_EMAIL = {quser}\nEMAIL_TIMEOUT = 30\n\
         # Django greets the server with this machine's full name. Where that is \"localhost\", Gmail\n\
         # may refuse it (421 4.7.0 Try again later, closing connection. (EHLO)): use the host name.\n\
         if DNS_NAME.get_fqdn().startswith(\"localhost\"):\n    DNS_NAME._fqdn = socket.gethostname()\n",
        user = c.user(),
        route = route(c),
        host = q(c.host()),
        port = c.port(),
        quser = q(c.user()),
    )
}

fn flask(c: &Context) -> String {
    let (password, import) = python_password(c, FLASK.password);
    let (use_tls, use_ssl) = if starttls(c) {
        ("True", "False")
    } else {
        ("False", "True")
    };
    format!(
        "# Flask-Mail: Gmail SMTP for {user} ({route}).\nimport os\n{import}\
         from flask import Flask\nfrom flask_mail import Mail\n\n\
         app = Flask(__name__)\napp.config.update(\n    MAIL_SERVER={host},\n    MAIL_PORT={port},\n\
         \x20   MAIL_USE_TLS={use_tls},  # STARTTLS (587)\n    MAIL_USE_SSL={use_ssl},  # implicit TLS (465)\n\
         \x20   MAIL_USERNAME={quser},\n    MAIL_PASSWORD={password},\n    MAIL_DEFAULT_SENDER={quser},\n)\n\
         mail = Mail(app)\n",
        user = c.user(),
        route = route(c),
        host = q(c.host()),
        port = c.port(),
        quser = q(c.user()),
    )
}

/// A PHP expression for the password.
fn php_password(c: &Context, env: &str) -> String {
    match c.mode {
        Inline => c.inline(php),
        _ => format!("getenv({})", php(env)),
    }
}

fn phpmailer(c: &Context) -> String {
    let secure = if starttls(c) {
        "PHPMailer::ENCRYPTION_STARTTLS; // 587: STARTTLS ('tls'); 465 takes ENCRYPTION_SMTPS"
    } else {
        "PHPMailer::ENCRYPTION_SMTPS; // 465: TLS from the first byte ('ssl'); 587 takes ENCRYPTION_STARTTLS"
    };
    format!(
        "<?php\n// PHPMailer: Gmail SMTP for {user} ({route}).\n\
         use PHPMailer\\PHPMailer\\PHPMailer;\n\nrequire 'vendor/autoload.php';\n\n\
         $mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = {host};\n$mail->Port = {port};\n\
         $mail->SMTPSecure = {secure}\n$mail->SMTPAuth = true;\n$mail->Username = {puser};\n\
         $mail->Password = {password};\n$mail->setFrom({puser});\n$mail->addAddress({puser});\n\
         $mail->Subject = 'Hello from PHPMailer';\n$mail->Body = 'Sent through Gmail.';\n$mail->send();\n",
        user = c.user(),
        route = route(c),
        host = php(c.host()),
        port = c.port(),
        puser = php(c.user()),
        password = php_password(c, SMTP.password),
    )
}

/// A `.env` value: quoted when it holds anything but plain characters.
fn env_value(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "@._-+:/".contains(c))
    {
        text.to_string()
    } else {
        q(text)
    }
}

fn laravel(c: &Context) -> String {
    let mut text = format!(
        "# .env: Laravel mail through Gmail as {user} ({route}).\n\
         # MAIL_SCHEME is read by Laravel 11 and later, MAIL_ENCRYPTION by earlier versions.\n",
        user = c.user(),
        route = route(c)
    );
    for (name, value) in LARAVEL.fixed {
        text.push_str(&format!("{name}={value}\n"));
    }
    text.push_str(&format!(
        "MAIL_HOST={}\nMAIL_PORT={}\n",
        env_value(c.host()),
        c.port()
    ));
    for (name, value) in (LARAVEL.tls)(c.tls()) {
        text.push_str(&format!("{name}={value}\n"));
    }
    text.push_str(&format!("MAIL_USERNAME={}\n", env_value(c.user())));
    match c.mode {
        Inline => text.push_str(&format!("MAIL_PASSWORD={}\n", c.inline(q))),
        _ => text.push_str(&format!(
            "# MAIL_PASSWORD is not in this file: start PHP with\n\
             #   smtp-setup run --account {} --format laravel -- php artisan serve\n\
             # (variables of the process win over .env; after `php artisan config:cache`, run that\n\
             # command under smtp-setup run too).\n",
            c.user()
        )),
    }
    text.push_str(&format!(
        "MAIL_FROM_ADDRESS={}\nMAIL_FROM_NAME=\"${{APP_NAME}}\"\n",
        env_value(c.user())
    ));
    text
}

fn wordpress(c: &Context) -> String {
    let (ssl, words) = if starttls(c) {
        ("tls", "TLS")
    } else {
        ("ssl", "SSL")
    };
    let password = match c.mode {
        Inline => c.inline(php),
        _ => format!("getenv({})", php(SMTP.password)),
    };
    format!(
        "<?php\n// wp-config.php, above \"That's all, stop editing!\": WP Mail SMTP's \"Other SMTP\" mailer\n\
         // through Gmail as {user} ({route}).\n\
         define( 'WPMS_ON', true );\ndefine( 'WPMS_MAILER', 'smtp' );\n\
         define( 'WPMS_SMTP_HOST', {host} );\ndefine( 'WPMS_SMTP_PORT', {port} );\n\
         define( 'WPMS_SSL', '{ssl}' ); // 587: 'tls' (STARTTLS); 465: 'ssl'\n\
         define( 'WPMS_SMTP_AUTOTLS', true );\ndefine( 'WPMS_SMTP_AUTH', true );\n\
         define( 'WPMS_SMTP_USER', {puser} );\ndefine( 'WPMS_SMTP_PASS', {password} );\n\
         define( 'WPMS_MAIL_FROM', {puser} );\ndefine( 'WPMS_MAIL_FROM_FORCE', true );\n\
         // Or in WP Mail SMTP > Settings, mailer \"Other SMTP\": SMTP Host {plain_host}, Encryption {words},\n\
         // SMTP Port {port}, Auto TLS on, Authentication on, SMTP Username {user}, SMTP Password: the app password.\n",
        user = c.user(),
        route = route(c),
        host = php(c.host()),
        plain_host = c.host(),
        port = c.port(),
        puser = php(c.user()),
    )
}

fn nodemailer(c: &Context) -> String {
    let secure = if starttls(c) {
        "secure: false, // false on 587: the connection starts plain and STARTTLS follows\n  requireTLS: true, // and it must: never log in unencrypted"
    } else {
        "secure: true, // true only on 465: TLS from the first byte"
    };
    let password = match c.mode {
        Inline => c.inline(q),
        _ => format!("process.env.{}", SMTP.password),
    };
    format!(
        "// Nodemailer: Gmail SMTP for {user} ({route}).\nconst nodemailer = require(\"nodemailer\");\nconst os = require(\"os\");\n\n\
         const transporter = nodemailer.createTransport({{\n  host: {host},\n  port: {port},\n  {secure}\n\
         \x20 // The name it greets with: without this, a host name without a dot becomes \"[127.0.0.1]\",\n\
         \x20 // which Gmail may refuse (421 4.7.0 Try again later, closing connection. (EHLO)).\n\
         \x20 name: os.hostname(),\n\
         \x20 auth: {{\n    user: {quser},\n    pass: {password},\n  }},\n}});\n\n\
         transporter\n  .sendMail({{ from: {quser}, to: {quser}, subject: \"Hello from Nodemailer\", text: \"Sent through Gmail.\" }})\n\
         \x20 .then((info) => console.log(info.response))\n\
         \x20 .catch((error) => {{\n    console.error(error.message);\n    process.exitCode = 1;\n  }});\n",
        user = c.user(),
        route = route(c),
        host = q(c.host()),
        port = c.port(),
        quser = q(c.user()),
    )
}

fn csharp_password(c: &Context) -> String {
    match c.mode {
        Inline => c.inline(q),
        _ => format!("Environment.GetEnvironmentVariable({})", q(SMTP.password)),
    }
}

fn mailkit(c: &Context) -> String {
    let option = if starttls(c) {
        "SecureSocketOptions.StartTls); // 587: STARTTLS; 465 takes SslOnConnect"
    } else {
        "SecureSocketOptions.SslOnConnect); // 465: TLS from the first byte; 587 takes StartTls"
    };
    format!(
        "// MailKit (.NET): Gmail SMTP for {user} ({route}). dotnet add package MailKit\n\
         using MailKit.Net.Smtp;\nusing MailKit.Security;\nusing MimeKit;\n\n\
         var message = new MimeMessage();\nmessage.From.Add(MailboxAddress.Parse({quser}));\n\
         message.To.Add(MailboxAddress.Parse({quser}));\nmessage.Subject = \"Hello from MailKit\";\n\
         message.Body = new TextPart(\"plain\") {{ Text = \"Sent through Gmail.\" }};\n\n\
         using var client = new SmtpClient();\nawait client.ConnectAsync({host}, {port}, {option}\n\
         await client.AuthenticateAsync({quser}, {password});\nawait client.SendAsync(message);\n\
         await client.DisconnectAsync(true);\n",
        user = c.user(),
        route = route(c),
        host = q(c.host()),
        port = c.port(),
        quser = q(c.user()),
        password = csharp_password(c),
    )
}

fn smtpclient(c: &Context) -> String {
    // SmtpClient speaks only STARTTLS ("EnableSsl" on 587); on 465 it hangs. Gmail takes 587
    // for every account, so a 465-verified Gmail account is given 587.
    let (port, note) = match c.tls() {
        TlsMode::Starttls => (c.port(), String::new()),
        TlsMode::Implicit if c.host() == crate::provider::GMAIL_SMTP_HOST => (
            crate::provider::STARTTLS_PORT,
            format!(
                "// This account was checked on port 465, which SmtpClient cannot do; Gmail takes 587 too:\n\
                 // check it there with `smtp-setup check --account {} --server smtp.gmail.com:587 --tls starttls`.\n",
                c.user()
            ),
        ),
        TlsMode::Implicit => (
            c.port(),
            "// Warning: this server uses implicit TLS, which SmtpClient cannot do: use MailKit.\n"
                .to_string(),
        ),
    };
    format!(
        "// System.Net.Mail.SmtpClient: Gmail SMTP for {user} (STARTTLS on port {port}).\n{note}\
         // SmtpClient cannot do implicit TLS, so never give it port 465.\n\
         using System.Net;\nusing System.Net.Mail;\n\n\
         using var client = new SmtpClient({host}, {port})\n{{\n\
         \x20   EnableSsl = true, // on 587 this means STARTTLS\n\
         \x20   DeliveryMethod = SmtpDeliveryMethod.Network,\n    UseDefaultCredentials = false,\n\
         \x20   Credentials = new NetworkCredential({quser}, {password}),\n}};\n\
         client.Send({quser}, {quser}, \"Hello from .NET\", \"Sent through Gmail.\");\n",
        user = c.user(),
        host = q(c.host()),
        quser = q(c.user()),
        password = csharp_password(c),
    )
}

fn spring(c: &Context) -> String {
    let tls = if starttls(c) {
        "# 587: STARTTLS, required before the login.\n\
         spring.mail.properties.mail.smtp.starttls.enable=true\n\
         spring.mail.properties.mail.smtp.starttls.required=true\n"
    } else {
        "# 465: TLS from the first byte.\nspring.mail.properties.mail.smtp.ssl.enable=true\n"
    };
    let password = match c.mode {
        Inline => format!(
            "spring.mail.password={}\n",
            prop(c.inline(|s| s.to_string()).as_str())
        ),
        _ => format!(
            "# The password comes from the environment ({}), set by smtp-setup run.\n\
             spring.mail.password=${{{}}}\n",
            SPRING.password, SPRING.password
        ),
    };
    format!(
        "# application.properties: Spring Boot mail through Gmail as {user} ({route}).\n\
         spring.mail.host={host}\nspring.mail.port={port}\nspring.mail.username={puser}\n{password}\
         spring.mail.properties.mail.smtp.auth=true\n{tls}\
         spring.mail.properties.mail.smtp.connectiontimeout=10000\n\
         spring.mail.properties.mail.smtp.timeout=30000\n",
        user = c.user(),
        route = route(c),
        host = prop(c.host()),
        port = c.port(),
        puser = prop(c.user()),
    )
}

fn rails(c: &Context) -> String {
    let tls = if starttls(c) {
        "enable_starttls: true, # 587: STARTTLS; on 465 use tls: true instead"
    } else {
        "tls: true, # 465: TLS from the first byte; on 587 use enable_starttls: true instead"
    };
    let password = match c.mode {
        Inline => c.inline(q),
        _ => format!("ENV.fetch({})", q(SMTP.password)),
    };
    format!(
        "# config/environments/production.rb: Action Mailer through Gmail as {user} ({route}).\n\
         config.action_mailer.delivery_method = :smtp\nconfig.action_mailer.smtp_settings = {{\n\
         \x20 address: {host},\n  port: {port},\n  user_name: {quser},\n  password: {password},\n\
         \x20 authentication: :plain,\n  {tls}\n  open_timeout: 10,\n  read_timeout: 30,\n}}\n\
         config.action_mailer.default_options = {{ from: {quser} }}\n",
        user = c.user(),
        route = route(c),
        host = q(c.host()),
        port = c.port(),
        quser = q(c.user()),
    )
}

fn go(c: &Context) -> String {
    let password = match c.mode {
        Inline => c.inline(q),
        _ => format!("os.Getenv({})", q(SMTP.password)),
    };
    let head = format!(
        "// Go net/smtp: Gmail SMTP for {user} ({route}).\npackage main\n\n",
        user = c.user(),
        route = route(c)
    );
    let message = "\tmsg := []byte(\"From: \" + user + \"\\r\\nTo: \" + user + \"\\r\\nSubject: Hello from Go\\r\\n\\r\\nSent through Gmail.\\r\\n\")\n";
    if starttls(c) {
        format!(
            "{head}import (\n\t\"log\"\n\t\"net/smtp\"\n\t\"os\"\n)\n\nfunc main() {{\n\
             \thost, user := {host}, {quser}\n\tauth := smtp.PlainAuth(\"\", user, {password}, host)\n{message}\
             \t// SendMail switches to TLS with STARTTLS (587) before it logs in, and refuses to log in without it.\n\
             \tif err := smtp.SendMail(host+\":{port}\", auth, user, []string{{user}}, msg); err != nil {{\n\
             \t\tlog.Fatal(err)\n\t}}\n\t_ = os.Getenv\n}}\n",
            host = q(c.host()),
            quser = q(c.user()),
            port = c.port(),
        )
    } else {
        format!(
            "{head}import (\n\t\"crypto/tls\"\n\t\"log\"\n\t\"net/smtp\"\n\t\"os\"\n)\n\nfunc main() {{\n\
             \thost, user := {host}, {quser}\n\
             \t// 465: TLS from the first byte, then SMTP inside it (smtp.SendMail cannot do this).\n\
             \tconn, err := tls.Dial(\"tcp\", host+\":{port}\", &tls.Config{{ServerName: host}})\n\
             \tif err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\
             \tclient, err := smtp.NewClient(conn, host)\n\tif err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\
             \tdefer client.Quit()\n\
             \tif err := client.Auth(smtp.PlainAuth(\"\", user, {password}, host)); err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\
             {message}\
             \tif err := client.Mail(user); err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\
             \tif err := client.Rcpt(user); err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\
             \tw, err := client.Data()\n\tif err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\
             \tif _, err := w.Write(msg); err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\
             \tif err := w.Close(); err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n\t_ = os.Getenv\n}}\n",
            host = q(c.host()),
            quser = q(c.user()),
            port = c.port(),
        )
    }
}

fn msmtp(c: &Context) -> String {
    let password = match c.mode {
        Inline => format!("password       {}", c.inline(dq)),
        _ => format!("passwordeval   {}", dq(&c.password_command())),
    };
    let auth = if c.oauth() {
        "# Sign in with Google: the command prints a fresh access token.\nauth           xoauth2"
    } else {
        "auth           on"
    };
    format!(
        "# ~/.msmtprc: Gmail for {user} ({route}). chmod 600 ~/.msmtprc\n\
         # Then: printf 'Subject: test\\n\\nhello\\n' | msmtp {user}\n\
         defaults\n{auth}\ntls            on\ntls_trust_file system\n\
         # Greet with this machine's name: msmtp's default, localhost, Gmail may refuse.\n\
         domain         %H\n\n\
         account        gmail\nhost           {host}\nport           {port}\n\
         # on for 587 (STARTTLS), off for 465 (TLS from the first byte)\n\
         tls_starttls   {starttls}\n\
         from           {user}\nuser           {user}\n{password}\n\n\
         account default : gmail\n",
        user = c.user(),
        route = route(c),
        host = c.host(),
        port = c.port(),
        starttls = if starttls(c) { "on" } else { "off" },
    )
}

fn postfix(c: &Context) -> String {
    let relay = format!("[{}]:{}", c.host(), c.port());
    let wrapper = if starttls(c) {
        "# 587: STARTTLS, required.\n"
    } else {
        "# 465: TLS from the first byte.\nsmtp_tls_wrappermode = yes\n"
    };
    let file = match c.mode {
        Inline => format!(
            "# /etc/postfix/sasl_passwd (then: sudo chmod 600 /etc/postfix/sasl_passwd && sudo postmap /etc/postfix/sasl_passwd)\n\
             {relay} {}:{}\n",
            c.user(),
            c.secret.map_or("", |s| s.expose())
        ),
        _ => format!(
            "# Postfix reads the password from /etc/postfix/sasl_passwd, which only root can read.\n\
             # Write it from the keychain (as yourself, not as root; printf keeps it off the command line):\n\
             #   printf '%s %s:%s\\n' '{relay}' '{user}' \"$({command})\" | sudo tee /etc/postfix/sasl_passwd >/dev/null\n\
             #   sudo chmod 600 /etc/postfix/sasl_passwd && sudo postmap /etc/postfix/sasl_passwd && sudo systemctl reload postfix\n",
            user = c.user(),
            command = c.password_command(),
        ),
    };
    format!(
        "# /etc/postfix/main.cf: relay all outgoing mail through Gmail as {user} ({route}).\n\
         relayhost = {relay}\nsmtp_sasl_auth_enable = yes\n\
         smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n\
         smtp_sasl_security_options = noanonymous\n\
         smtp_tls_security_level = encrypt\n{wrapper}\
         smtp_tls_CAfile = /etc/ssl/certs/ca-certificates.crt\n\n{file}",
        user = c.user(),
        route = route(c),
    )
}

fn git(c: &Context) -> String {
    let (encryption, words) = if starttls(c) {
        ("tls", "tls: STARTTLS on 587")
    } else {
        ("ssl", "ssl: TLS from the first byte on 465")
    };
    let secret = match c.mode {
        Inline => format!("\tsmtpPass = {}\n", c.inline(dq)),
        _ => format!(
            "# git asks this helper for the password each time; it prints it from the keychain.\n\
             [credential \"smtp://{host}:{port}\"]\n\
             \thelper = {helper}\n",
            host = c.host(),
            port = c.port(),
            helper = dq(&format!(
                "!f() {{ test \"$1\" = get && echo \"password=$({})\"; }}; f",
                c.password_command()
            )),
        ),
    };
    let (inline, helper) = match c.mode {
        Inline => (secret, String::new()),
        _ => (String::new(), secret),
    };
    format!(
        "# ~/.gitconfig: git send-email through Gmail as {user} ({route}).\n\
         [sendemail]\n\tsmtpServer = {host}\n\tsmtpServerPort = {port}\n\
         \tsmtpEncryption = {encryption}  # {words}\n\tsmtpUser = {user}\n\tfrom = {user}\n{inline}{helper}",
        user = c.user(),
        route = route(c),
        host = c.host(),
        port = c.port(),
    )
}

fn home_assistant(c: &Context) -> String {
    let encryption = if starttls(c) {
        "starttls  # 587: starttls; 465: tls"
    } else {
        "tls  # 465: tls; 587: starttls"
    };
    let password = match c.mode {
        Inline => c.inline(q),
        _ => format!("!env_var {}", SMTP.password),
    };
    format!(
        "# configuration.yaml: Home Assistant notifications through Gmail as {user} ({route}).\n\
         notify:\n  - name: gmail\n    platform: smtp\n    server: {host}\n    port: {port}\n\
         \x20   encryption: {encryption}\n    timeout: 15\n    sender: {quser}\n    sender_name: Home Assistant\n\
         \x20   username: {quser}\n    password: {password}\n    recipient:\n      - {quser}\n",
        user = c.user(),
        route = route(c),
        host = q(c.host()),
        port = c.port(),
        quser = q(c.user()),
    )
}

fn dotenv(c: &Context) -> String {
    let mut text = format!(
        "# .env: Gmail SMTP for {} ({}), for any app that reads SMTP_* (docker compose: env_file: .env).\n",
        c.user(),
        route(c)
    );
    text.push_str(&format!(
        "SMTP_HOST={}\nSMTP_PORT={}\n",
        env_value(c.host()),
        c.port()
    ));
    for (name, value) in (SMTP.tls)(c.tls()) {
        text.push_str(&format!("{name}={value}  # starttls on 587, tls on 465\n"));
    }
    text.push_str(&format!(
        "SMTP_USERNAME={user}\nSMTP_FROM={user}\n",
        user = env_value(c.user())
    ));
    match c.mode {
        Inline => text.push_str(&format!("SMTP_PASSWORD={}\n", c.inline(q))),
        _ => text.push_str(&format!(
            "# SMTP_PASSWORD is not in this file: start the app with\n\
             #   smtp-setup run --account {} -- docker compose up\n\
             # and pass it into the container in compose.yaml: environment: [SMTP_PASSWORD]\n",
            c.user()
        )),
    }
    text
}

fn curl(c: &Context) -> String {
    let scheme = if starttls(c) { "smtp" } else { "smtps" };
    let (flag, words) = if starttls(c) {
        (
            " --ssl-reqd",
            "587: --ssl-reqd makes curl use STARTTLS and refuse without it",
        )
    } else {
        ("", "465: smtps:// is TLS from the first byte")
    };
    // The secret goes in through curl's config on standard input, never on its command line
    // (where other users could read it).
    let config = match (c.mode, c.oauth()) {
        (_, true) => format!(
            "printf 'oauth2-bearer = \"%s\"\\n' \"$({})\"",
            c.password_command()
        ),
        (Reference, false) => format!(
            "printf 'user = \"%s:%s\"\\n' {} \"$({})\"",
            shell(c.user()),
            c.password_command()
        ),
        (Environment, false) => format!(
            "printf 'user = \"%s:%s\"\\n' {} \"${}\"",
            shell(c.user()),
            SMTP.password
        ),
        (Inline, false) => format!(
            "printf 'user = \"%s:%s\"\\n' {} {}",
            shell(c.user()),
            c.inline(shell)
        ),
    };
    let user_flag = if c.oauth() {
        format!(" --user {}", shell(c.user()))
    } else {
        String::new()
    };
    format!(
        "#!/bin/sh\n# curl: send mail.txt (headers, a blank line, the text) through Gmail as {user} ({route}).\n\
         # {words}.\n\
         {config} |\n  curl --config - --url {scheme}://{host}:{port}{flag}{user_flag} \\\n\
         \x20   --mail-from {quser} --mail-rcpt {quser} --upload-file mail.txt\n",
        user = c.user(),
        route = route(c),
        host = c.host(),
        port = c.port(),
        quser = shell(c.user()),
    )
}

/// A single-quoted shell word.
fn shell(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}
