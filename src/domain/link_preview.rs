//! Link previews: which URLs may be previewed, and the card read from a page's HTML (OpenGraph
//! `og:*` tags, else the Twitter card and `<meta name="description">`, else `<title>`), as in the
//! reference (§C10): title at most 200 characters, description at most 400, no card without a title.
//!
//! The HTML is read by html5ever's tokenizer, which follows the HTML standard (entities, unquoted
//! and duplicated attributes, comments); the sink switches it into the raw-text states the tree
//! builder would (`<title>`, `<script>`, `<style>` …), so markup inside a script or a comment is
//! never mistaken for a tag.
use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use url::Url;

/// Longest title kept (characters).
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest description kept (characters).
pub const MAX_DESCRIPTION_CHARS: usize = 400;
/// Longest URL previewed (bytes); longer ones get no preview (they would only bloat the cache).
pub const MAX_URL_BYTES: usize = 2048;

/// A URL worth fetching: absolute http or https with a host, no credentials, not too long. Numeric
/// hosts in any spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`) are already IP addresses here: the
/// URL standard reads them so, and the address check sees the real address.
pub fn parse_target(raw: &str) -> Option<Url> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > MAX_URL_BYTES {
        return None;
    }
    let url = Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return None;
    }
    if !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    Some(url)
}

/// The preview card of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub title: String,
    pub description: String,
    /// Absolute http(s) URL of the page's image, if it names one.
    pub image: Option<String>,
    /// The page's host (without `www.`).
    pub domain: String,
    /// The page's address (after redirects).
    pub url: String,
}

/// What the tokenizer found, before choosing among the sources.
#[derive(Default)]
struct Found {
    og_title: Option<String>,
    og_description: Option<String>,
    og_image: Option<String>,
    twitter_title: Option<String>,
    twitter_description: Option<String>,
    twitter_image: Option<String>,
    description: Option<String>,
    title: Option<String>,
    /// Text of the `<title>` being read.
    in_title: Option<String>,
}

struct Sink(RefCell<Found>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut found = self.0.borrow_mut();
        match token {
            TagToken(tag) if tag.kind == StartTag => return start_tag(&mut found, &tag),
            TagToken(tag) if tag.kind == EndTag && &*tag.name == "title" => {
                if let Some(text) = found.in_title.take() {
                    found.title.get_or_insert(text);
                }
            }
            CharacterTokens(text) => {
                if let Some(title) = found.in_title.as_mut() {
                    // Bounded: a title past 4 times the kept length is cut anyway.
                    if title.len() < MAX_TITLE_CHARS * 16 {
                        title.push_str(&text);
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn start_tag(found: &mut Found, tag: &Tag) -> TokenSinkResult<()> {
    let attr = |name: &str| tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string());
    match &*tag.name {
        "title" => {
            if found.title.is_none() {
                found.in_title = Some(String::new());
            }
            return TokenSinkResult::RawData(RawKind::Rcdata);
        }
        "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            return TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "plaintext" => return TokenSinkResult::Plaintext,
        "meta" => {
            let key = attr("property").or_else(|| attr("name")).map(|k| k.trim().to_ascii_lowercase());
            if let (Some(key), Some(content)) = (key, attr("content")) {
                let slot = match key.as_str() {
                    "og:title" => &mut found.og_title,
                    "og:description" => &mut found.og_description,
                    "og:image" | "og:image:url" | "og:image:secure_url" => &mut found.og_image,
                    "twitter:title" => &mut found.twitter_title,
                    "twitter:description" => &mut found.twitter_description,
                    "twitter:image" | "twitter:image:src" => &mut found.twitter_image,
                    "description" => &mut found.description,
                    _ => return TokenSinkResult::Continue,
                };
                // The first of each wins, as browsers and the reference read them.
                slot.get_or_insert(content);
            }
        }
        _ => {}
    }
    TokenSinkResult::Continue
}

/// The card of `html` fetched from `page` (after redirects), or `None` when it has no title.
pub fn card_from_html(html: &str, page: &Url) -> Option<Card> {
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Found::default())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let found = tokenizer.sink.0.into_inner();
    let title = [found.og_title, found.twitter_title, found.title]
        .into_iter()
        .flatten()
        .map(|t| clean(&t, MAX_TITLE_CHARS))
        .find(|t| !t.is_empty())?;
    let description = [found.og_description, found.twitter_description, found.description]
        .into_iter()
        .flatten()
        .map(|d| clean(&d, MAX_DESCRIPTION_CHARS))
        .find(|d| !d.is_empty())
        .unwrap_or_default();
    let image = [found.og_image, found.twitter_image].into_iter().flatten().find_map(|src| absolute_image(&src, page));
    let host = page.host_str().unwrap_or_default();
    let domain = host.strip_prefix("www.").unwrap_or(host).to_owned();
    Some(Card { title, description, image, domain, url: page.to_string() })
}

/// Whitespace runs (newlines, tabs) as one space, trimmed, at most `max` characters.
fn clean(text: &str, max: usize) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(max).collect()
}

/// An image reference resolved against the page, kept only when it is http(s) (never `javascript:`
/// or `data:`, which the client would otherwise be asked to load).
fn absolute_image(src: &str, page: &Url) -> Option<String> {
    let url = page.join(src.trim()).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.as_str().len() <= MAX_URL_BYTES).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://www.example.com/articles/42?ref=chat").unwrap()
    }

    #[test]
    fn only_absolute_http_urls_with_a_host_are_previewed() {
        for good in ["http://example.com", "https://example.com/a?b=c#d", "  https://example.com/  "] {
            assert!(parse_target(good).is_some(), "{good}");
        }
        for bad in [
            "",
            "file:///etc/passwd",
            "gopher://example.com/",
            "ftp://example.com/",
            "javascript:alert(1)",
            "data:text/html,<title>x</title>",
            "//example.com/",
            "example.com",
            "https://user:pw@example.com/",
            "http://",
        ] {
            assert!(parse_target(bad).is_none(), "{bad:?} must be refused");
        }
        assert!(parse_target(&format!("https://example.com/{}", "a".repeat(MAX_URL_BYTES))).is_none());
    }

    #[test]
    fn numeric_hosts_in_any_spelling_become_the_address_they_mean() {
        for spelling in [
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://0x7f.1/",
            "http://127.1/",
            "http://017700000001/",
        ] {
            let url = parse_target(spelling).unwrap();
            assert_eq!(url.host(), Some(url::Host::Ipv4("127.0.0.1".parse().unwrap())), "{spelling}");
        }
        let mapped = parse_target("http://[::ffff:127.0.0.1]/").unwrap();
        assert!(matches!(mapped.host(), Some(url::Host::Ipv6(_))));
    }

    #[test]
    fn an_opengraph_page_gives_its_og_tags() {
        let html = r#"<!DOCTYPE html>
<html lang="en"><head>
  <meta charset="utf-8">
  <title>Example Domain | Fallback</title>
  <meta property="og:site_name" content="Example">
  <meta property="og:title" content="Rust 1.85 &amp; the 2024 edition">
  <meta property="og:description" content="Announcing
     the new   edition.">
  <meta property="og:image" content="/img/social.png">
  <meta name="twitter:card" content="summary_large_image">
  <script>var fake = '<meta property="og:title" content="from a script">';</script>
</head><body><h1>Hello</h1></body></html>"#;
        let card = card_from_html(html, &page()).unwrap();
        assert_eq!(card.title, "Rust 1.85 & the 2024 edition");
        assert_eq!(card.description, "Announcing the new edition.");
        assert_eq!(card.image.as_deref(), Some("https://www.example.com/img/social.png"));
        assert_eq!(card.domain, "example.com");
        assert_eq!(card.url, "https://www.example.com/articles/42?ref=chat");
    }

    #[test]
    fn a_plain_page_falls_back_to_title_and_meta_description() {
        let html = "<html><head><TITLE>  Issue #12 &mdash; tracker\n</TITLE>\
                    <meta name=Description content='Steps to reproduce'></head><body>x</body></html>";
        let card = card_from_html(html, &page()).unwrap();
        assert_eq!(card.title, "Issue #12 — tracker");
        assert_eq!(card.description, "Steps to reproduce");
        assert_eq!(card.image, None);
    }

    #[test]
    fn markup_inside_title_script_style_and_comments_is_not_read_as_tags() {
        let html = "<head><!-- <meta property=\"og:title\" content=\"comment\"> -->\
                    <style>meta{}</style><title>a <b>bold</b> title</title>\
                    <noscript><meta property=og:image content=http://x/noscript.png></noscript></head>";
        let card = card_from_html(html, &page()).unwrap();
        assert_eq!(card.title, "a <b>bold</b> title");
        assert_eq!(card.image, None);
    }

    #[test]
    fn twitter_cards_are_used_when_there_is_no_opengraph() {
        let html = r#"<meta name="twitter:title" content="Tweeted"><meta name="twitter:description" content="d">
                      <meta name="twitter:image" content="https://cdn.example.net/t.jpg"><title>T</title>"#;
        let card = card_from_html(html, &page()).unwrap();
        assert_eq!((card.title.as_str(), card.description.as_str()), ("Tweeted", "d"));
        assert_eq!(card.image.as_deref(), Some("https://cdn.example.net/t.jpg"));
    }

    #[test]
    fn long_fields_are_cut_and_pages_without_a_title_give_no_card() {
        let html = format!(
            r#"<meta property="og:title" content="{}"><meta property="og:description" content="{}">"#,
            "é".repeat(500),
            "d".repeat(1000)
        );
        let card = card_from_html(&html, &page()).unwrap();
        assert_eq!(card.title.chars().count(), MAX_TITLE_CHARS);
        assert_eq!(card.description.chars().count(), MAX_DESCRIPTION_CHARS);
        assert_eq!(card_from_html("<html><body><p>no title</p></body></html>", &page()), None);
        assert_eq!(card_from_html("<title>   </title>", &page()), None);
        assert_eq!(card_from_html("", &page()), None);
    }

    /// Pages shaped like real ones (a code host's repository page, a news article, an old
    /// hand-written page): long heads, JSON in scripts, conditional comments, shouting tags.
    #[test]
    fn realistic_pages_give_the_card_a_reader_expects() {
        let repo = card_from_html(
            include_str!("link_preview_samples/repository.html"),
            &Url::parse("https://example-code.net/tokio-rs/tokio").unwrap(),
        )
        .unwrap();
        assert!(repo.title.starts_with("GitHub - tokio-rs/tokio: A runtime"), "{}", repo.title);
        assert!(repo.title.chars().count() <= MAX_TITLE_CHARS);
        assert!(repo.description.ends_with("- tokio-rs/tokio"));
        assert_eq!(repo.image.as_deref(), Some("https://opengraph.example-code.net/abc/tokio-rs/tokio"));
        assert_eq!(repo.domain, "example-code.net");

        let news = card_from_html(
            include_str!("link_preview_samples/article.html"),
            &Url::parse("https://www.example-news.co.uk/news/uk-66123456").unwrap(),
        )
        .unwrap();
        assert_eq!(news.title, "Heatwave: Temperatures to hit 34C as amber warning issued");
        assert_eq!(news.description, "Forecasters say the hot spell will peak on Thursday.");
        assert_eq!(
            news.image.as_deref(),
            Some("https://ichef.example-news.co.uk/news/1024/branded_news/1234/production/_130000000_heat.jpg"),
            "a scheme-relative image takes the page's scheme"
        );
        assert_eq!(news.domain, "example-news.co.uk");

        let shop = card_from_html(
            include_str!("link_preview_samples/old-shop.html"),
            &Url::parse("http://cafe.example/menu.htm").unwrap(),
        )
        .unwrap();
        assert_eq!(shop.title, "Café & Crêperie — Menu");
        assert_eq!((shop.description.as_str(), shop.image.as_deref()), ("", None));
    }

    #[test]
    fn images_that_are_not_http_are_dropped() {
        for src in ["javascript:alert(1)", "data:image/png;base64,AAAA", "file:///etc/passwd"] {
            let html = format!(r#"<title>t</title><meta property="og:image" content="{src}">"#);
            assert_eq!(card_from_html(&html, &page()).unwrap().image, None, "{src}");
        }
    }

    #[test]
    fn a_page_cut_off_in_the_middle_still_gives_what_was_read() {
        let html = "<html><head><title>Cut</title><meta property=\"og:description\" content=\"half";
        let card = card_from_html(html, &page()).unwrap();
        assert_eq!(card.title, "Cut");
    }
}
