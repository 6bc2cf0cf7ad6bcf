//! A simulated browser: follows the authorization address to Google's (the test server's)
//! redirect and on to smtp-setup's loopback listener, as a person's browser would.

use oauth2::reqwest;

/// What the browser ended on: the status and the page.
pub struct Page {
    pub status: u16,
    pub body: String,
}

/// Follows `url` and each redirect (at most 5), returning the last page.
pub async fn follow(url: &str) -> Page {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    let mut url = url.to_string();
    for _ in 0..5 {
        let response = client.get(&url).send().await.expect("the page loads");
        let status = response.status().as_u16();
        match response.headers().get("location") {
            Some(location) if (300..400).contains(&status) => {
                url = location.to_str().unwrap().to_string()
            }
            _ => {
                return Page {
                    status,
                    body: response.text().await.unwrap_or_default(),
                };
            }
        }
    }
    panic!("too many redirects");
}

/// Follows `url` from a thread of its own (for callers that are not async).
pub fn follow_blocking(url: &str) -> Page {
    let url = url.to_string();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(follow(&url))
    })
    .join()
    .unwrap()
}
