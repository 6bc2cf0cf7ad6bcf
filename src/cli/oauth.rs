//! `oauth authorize`: Sign in with Google from a terminal. It prints the address to open,
//! waits for Google's redirect on 127.0.0.1, verifies the token with XOAUTH2, then saves the
//! refresh token in the keychain.

use super::Failure;
use super::connect::{ServerArgs, check_options, parse_address, report_saved, runtime};
use super::output::Printer;
use clap::{Args as ClapArgs, Subcommand};
use smtp_setup::accounts::{AccountStore, NewSecret, Verification};
use smtp_setup::oauth::{DEFAULT_BROWSER_TIMEOUT, OAuthClient, start_authorization};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Subcommand)]
pub enum OAuthCommand {
    /// Sign in with Google in a browser and save the account (refresh token in the keychain).
    Authorize(AuthorizeArgs),
}

#[derive(ClapArgs)]
pub struct AuthorizeArgs {
    /// The Google account's address.
    #[arg(long, value_name = "ADDR")]
    user: String,
    /// The OAuth client file downloaded from Google Cloud (a "Desktop app" client).
    #[arg(long, value_name = "JSON")]
    client_file: PathBuf,
    /// How long to wait for the browser, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_BROWSER_TIMEOUT.as_secs())]
    browser_timeout: u64,
    /// The OAuth client is published ("In production"); without this it is taken to be in
    /// "Testing", where Google ends sign-ins after 7 days and smtp-setup warns a day before.
    #[arg(long)]
    published: bool,
    #[command(flatten)]
    server: ServerArgs,
}

pub fn run(command: OAuthCommand) -> Result<u8, Failure> {
    let OAuthCommand::Authorize(args) = command;
    let user = parse_address("--user", &args.user)?;
    let client = OAuthClient::from_file(&args.client_file)
        .map_err(|e| Failure::usage(format!("--client-file: {e}")))?;
    let options = check_options(&args.server, None)?;
    let store = AccountStore::from_env()?;
    let printer = Printer::new(args.server.json, args.server.verbose);
    let timeout = Duration::from_secs(args.browser_timeout.max(1));
    let runtime = runtime()?;
    let grant = runtime.block_on(async {
        let pending = start_authorization(&client, &user).await?;
        printer.authorize_url(pending.url(), pending.redirect_uri());
        pending.finish(timeout).await
    });
    let grant = match grant {
        Ok(mut grant) => {
            grant.testing = Some(!args.published);
            grant
        }
        Err(error) => return Ok(printer.oauth_failure(&error, &user)),
    };
    let verification = Verification::Check {
        options: &options,
        sink: printer.sink(),
    };
    let saved = runtime.block_on(store.save(&user, NewSecret::OAuth(grant), verification));
    report_saved(&printer, &store, &user, saved)
}
