//! A guard between the client's byte stream and tower-lsp-server.
//!
//! tower-lsp-server reads stdin through a tokio-util `FramedRead`, which ends the stream after
//! the first decoding error: one malformed header, one body that is not JSON or not UTF-8, or
//! one JSON string with a lone surrogate escape (`"\ud800"`, which JavaScript clients can send)
//! made the server exit. So the server reads through this guard instead:
//!
//! - [`forward_input`] frames the client's bytes itself, leniently (header names in any case,
//!   LF or CRLF line ends, unknown headers ignored), and passes on only messages that
//!   tower-lsp-server will accept, re-framed with a plain `Content-Length`. A lone surrogate
//!   escape is replaced by `\ufffd` (one UTF-16 unit for one, so positions do not move). Anything
//!   else broken is answered here, as JSON-RPC says: `ParseError` (-32700) for a body that is not
//!   JSON, `InvalidRequest` (-32600) for JSON that is not a request, response or notification,
//!   and a malformed header is skipped up to the next `Content-Length`.
//! - [`spawn_stdout_writer`] writes the server's messages and those answers to stdout, whole
//!   message by whole message, so that they never interleave.
//!
//! stdin and stdout are read and written on two threads of their own ([`spawn_stdin_reader`]
//! and [`spawn_stdout_writer`]) rather than through tokio's `stdin()`/`stdout()`, which run every
//! read and write on the blocking pool. That keeps the blocking pool for the analyses alone, on
//! one thread (see `serve`): with stdin's endless read holding one pool thread, the analyses
//! used to alternate between two others, and each thread's allocator arena kept its own
//! high-water mark of freed analysis memory.

use std::io::{Read, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::sync::mpsc::{Receiver, Sender};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest message accepted: a bigger `Content-Length` is taken for garbage rather than
/// waited for.
const MAX_MESSAGE_BYTES: usize = 1 << 30;

/// The longest header block accepted before it is taken for garbage.
const MAX_HEADER_BYTES: usize = 8 * 1024;

/// How much room a read asks for.
const READ_BYTES: usize = 64 * 1024;

/// A buffer larger than this is shrunk when it empties.
const KEPT_BUFFER_BYTES: usize = 1024 * 1024;

/// One message for stdout, framed, or the end of the server's output.
pub enum Outgoing {
    Frame(Vec<u8>),
    End,
}

/// Frames `body` with its `Content-Length`.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Reads the client's messages from `input`, passes the good ones on to `server` and answers
/// the broken ones through `answers`. Returns when `input` ends or the server stops reading.
pub async fn forward_input(
    mut input: impl AsyncRead + Unpin,
    mut server: impl AsyncWrite + Unpin,
    answers: Sender<Outgoing>,
) {
    let mut reader = FrameReader::default();
    loop {
        let item = match reader.next(&mut input).await {
            Some(item) => item,
            None => break,
        };
        let result = match item {
            Incoming::Body(body) => match check_body(body) {
                Ok(body) => server.write_all(&frame(&body)).await,
                Err(answer) => {
                    eprintln!("newsls: {}", answer.log);
                    let _ = answers.send(Outgoing::Frame(frame(&answer.body))).await;
                    Ok(())
                }
            },
            Incoming::MalformedHeader(reason) => {
                eprintln!("newsls: skipping a malformed message header: {reason}");
                let body = error_body(-32700, &format!("Parse error: {reason}"), Value::Null);
                let _ = answers.send(Outgoing::Frame(frame(&body))).await;
                Ok(())
            }
        };
        if result.is_err() || server.flush().await.is_err() {
            break;
        }
    }
    // Dropping `server` tells tower-lsp-server that the client is gone.
}

/// Copies the server's framed messages from `server` into `outgoing`, then sends
/// [`Outgoing::End`].
pub async fn read_server_output(mut server: impl AsyncRead + Unpin, outgoing: Sender<Outgoing>) {
    let mut reader = FrameReader::default();
    while let Some(item) = reader.next(&mut server).await {
        if let Incoming::Body(body) = item {
            if outgoing.send(Outgoing::Frame(frame(&body))).await.is_err() {
                return;
            }
        }
    }
    let _ = outgoing.send(Outgoing::End).await;
}

/// Starts a thread that writes each message of `outgoing` to stdout until [`Outgoing::End`]
/// (or stdout closes); join it to know that everything was written. The thread blocks on
/// stdout, never the async runtime.
pub fn spawn_stdout_writer(
    mut outgoing: Receiver<Outgoing>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("newsls-stdout".to_owned())
        .spawn(move || {
            let mut stdout = std::io::stdout().lock();
            while let Some(Outgoing::Frame(bytes)) = outgoing.blocking_recv() {
                // Flush only when no other message is waiting: one write for a burst.
                let written = stdout.write_all(&bytes).and_then(|()| {
                    if outgoing.is_empty() {
                        stdout.flush()
                    } else {
                        Ok(())
                    }
                });
                if written.is_err() {
                    return;
                }
            }
            let _ = stdout.flush();
        })
}

/// Starts a thread that reads stdin and returns what it reads as an [`AsyncRead`], which ends
/// when stdin does. The thread is not joined: it may wait for input the client never sends, and
/// ends with the process.
pub fn spawn_stdin_reader() -> std::io::Result<ChannelReader> {
    let (chunks, receiver) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
    std::thread::Builder::new()
        .name("newsls-stdin".to_owned())
        .spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut buffer = vec![0; 64 * 1024];
            loop {
                let read = match stdin.read(&mut buffer) {
                    Ok(0) => return,
                    Ok(read) => read,
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => return,
                };
                let chunk = buffer.get(..read).unwrap_or_default().to_vec();
                if chunks.blocking_send(chunk).is_err() {
                    return;
                }
            }
        })?;
    Ok(ChannelReader {
        chunks: receiver,
        pending: Vec::new(),
        position: 0,
    })
}

/// The bytes a thread sends through a channel, read as an [`AsyncRead`].
pub struct ChannelReader {
    chunks: Receiver<Vec<u8>>,
    /// The chunk being read, from `position` on.
    pending: Vec<u8>,
    position: usize,
}

impl AsyncRead for ChannelReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffer: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if this.position >= this.pending.len() {
            match this.chunks.poll_recv(context) {
                Poll::Pending => return Poll::Pending,
                // The end of the stream: nothing put in `buffer`.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Ready(Some(chunk)) => {
                    this.pending = chunk;
                    this.position = 0;
                }
            }
        }
        let rest = this.pending.get(this.position..).unwrap_or_default();
        let taken = rest.len().min(buffer.remaining());
        buffer.put_slice(rest.get(..taken).unwrap_or_default());
        this.position += taken;
        Poll::Ready(Ok(()))
    }
}

/// An answer to a broken message, and what to log about it.
struct Answer {
    body: Vec<u8>,
    log: String,
}

fn error_body(code: i64, message: &str, id: Value) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id})
        .to_string()
        .into_bytes()
}

/// What tower-lsp-server reads a message as: the same untagged enum as its own (private)
/// `Message`, so that exactly what it would reject is caught here. Parsing through an untagged
/// enum is stricter than parsing the struct directly: it reads every string in full (a lone
/// surrogate in an unknown field fails) and rejects duplicate fields.
#[derive(serde::Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // Only parsed, to check.
enum Message {
    Response(Response),
    Request(Request),
}

fn acceptable(body: &[u8]) -> bool {
    serde_json::from_slice::<Message>(body).is_ok()
}

/// The body to pass on (perhaps repaired), or the answer to send back.
fn check_body(body: Vec<u8>) -> Result<Vec<u8>, Answer> {
    if acceptable(&body) {
        return Ok(body);
    }
    let value = match serde_json::from_slice::<Value>(&body) {
        Ok(value) => value,
        Err(error) => {
            if let Some(repaired) = repair_surrogate_escapes(&body) {
                if acceptable(&repaired) {
                    eprintln!("newsls: replaced lone surrogate escapes in a message with U+FFFD");
                    return Ok(repaired);
                }
            }
            return Err(Answer {
                body: error_body(-32700, &format!("Parse error: {error}"), Value::Null),
                log: format!("a message that is not JSON: {error}"),
            });
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    Err(Answer {
        body: error_body(
            -32600,
            "Invalid request: not a JSON-RPC 2.0 request, notification or response",
            id,
        ),
        log: "a message that is not JSON-RPC 2.0".to_owned(),
    })
}

/// `body` with each `\uXXXX` escape of a lone surrogate replaced by `\ufffd`; `None` when there
/// is none.
fn repair_surrogate_escapes(body: &[u8]) -> Option<Vec<u8>> {
    fn hex_at(body: &[u8], at: usize) -> Option<u32> {
        let digits = body.get(at..at + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        u32::from_str_radix(text, 16).ok()
    }
    // The surrogate escaped at `at` (which points at a backslash), if it is one.
    fn surrogate_at(body: &[u8], at: usize) -> Option<u32> {
        if body.get(at) != Some(&b'\\') || body.get(at + 1) != Some(&b'u') {
            return None;
        }
        hex_at(body, at + 2).filter(|unit| (0xd800..0xe000).contains(unit))
    }
    let mut out = Vec::with_capacity(body.len());
    let mut changed = false;
    let mut index = 0;
    while let Some(&byte) = body.get(index) {
        if byte != b'\\' {
            out.push(byte);
            index += 1;
            continue;
        }
        match surrogate_at(body, index) {
            Some(0xd800..0xdc00)
                if surrogate_at(body, index + 6).is_some_and(|low| low >= 0xdc00) =>
            {
                // A proper pair: keep both escapes.
                out.extend_from_slice(body.get(index..index + 12).unwrap_or_default());
                index += 12;
            }
            Some(_) => {
                out.extend_from_slice(b"\\ufffd");
                changed = true;
                index += 6;
            }
            None => {
                // Any other escape: copy the backslash and the escaped byte together, so that
                // `\\u` is not taken for an escape.
                out.extend_from_slice(
                    body.get(index..index + 2)
                        .or_else(|| body.get(index..))
                        .unwrap_or_default(),
                );
                index += 2;
            }
        }
    }
    changed.then_some(out)
}

/// What [`FrameReader::next`] found.
enum Incoming {
    Body(Vec<u8>),
    MalformedHeader(String),
}

/// Splits a byte stream into message bodies.
#[derive(Default)]
struct FrameReader {
    buffer: Vec<u8>,
    /// No more bytes will come.
    ended: bool,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

impl FrameReader {
    /// Reads more bytes; `false` at the end of the stream.
    async fn fill(&mut self, input: &mut (impl AsyncRead + Unpin)) -> bool {
        if self.ended {
            return false;
        }
        // Straight into the buffer's spare room: no zeroed scratch array and no copy per read.
        self.buffer.reserve(READ_BYTES);
        match input.read_buf(&mut self.buffer).await {
            Ok(0) | Err(_) => {
                self.ended = true;
                false
            }
            Ok(_) => true,
        }
    }

    /// The next message body or malformed header; `None` at the end of the stream.
    async fn next(&mut self, input: &mut (impl AsyncRead + Unpin)) -> Option<Incoming> {
        // The end of the header block: the blank line, after CRLF or LF line ends.
        let (header_end, body_start) = loop {
            let crlf = find(&self.buffer, b"\r\n\r\n").map(|at| (at, at + 4));
            let lf = find(&self.buffer, b"\n\n").map(|at| (at, at + 2));
            let found = match (crlf, lf) {
                (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
                (found, None) | (None, found) => found,
            };
            if let Some(found) = found {
                break found;
            }
            if self.buffer.len() > MAX_HEADER_BYTES {
                self.skip_to_next_header(1);
                return Some(Incoming::MalformedHeader(
                    "a header longer than 8 KiB".to_owned(),
                ));
            }
            if !self.fill(input).await {
                return None;
            }
        };
        let headers =
            String::from_utf8_lossy(self.buffer.get(..header_end).unwrap_or_default()).into_owned();
        let length = match content_length(&headers) {
            Ok(length) => length,
            Err(reason) => {
                self.skip_to_next_header(body_start);
                return Some(Incoming::MalformedHeader(reason));
            }
        };
        while self.buffer.len() < body_start + length {
            if !self.fill(input).await {
                return None;
            }
        }
        let body = self
            .buffer
            .get(body_start..body_start + length)
            .unwrap_or_default()
            .to_vec();
        self.buffer.drain(..body_start + length);
        // A large message (the text of a long document) leaves a large buffer behind: give the
        // memory back once it is read.
        if self.buffer.capacity() > KEPT_BUFFER_BYTES && self.buffer.len() <= READ_BYTES {
            self.buffer.shrink_to(READ_BYTES);
        }
        Some(Incoming::Body(body))
    }

    /// Drops the first `from` bytes and then everything up to the next `Content-Length`.
    fn skip_to_next_header(&mut self, from: usize) {
        let from = from.min(self.buffer.len());
        self.buffer.drain(..from);
        match find(&self.buffer, b"content-length") {
            Some(at) => {
                self.buffer.drain(..at);
            }
            None => {
                // Keep only a tail that may be the start of a header cut by the read: anything
                // else would be glued to the front of the next header and spoil it.
                let keep = partial_header_name_at_end(&self.buffer);
                let cut = self.buffer.len() - keep;
                self.buffer.drain(..cut);
            }
        }
    }
}

/// The length of the longest tail of `buffer` that begins `Content-Length` (any case).
fn partial_header_name_at_end(buffer: &[u8]) -> usize {
    let name = b"content-length";
    (1..name.len().min(buffer.len() + 1))
        .rev()
        .find(|&length| {
            let tail = buffer.get(buffer.len() - length..).unwrap_or_default();
            let start = name.get(..length).unwrap_or_default();
            tail.eq_ignore_ascii_case(start)
        })
        .unwrap_or(0)
}

/// The `Content-Length` of a header block, or why it has none.
fn content_length(headers: &str) -> Result<usize, String> {
    let mut length = None;
    for line in headers.split('\n') {
        let line = line.trim_end_matches('\r');
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!(
                "a header line without a colon: {:?}",
                truncate(line)
            ));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            match value.parse::<usize>() {
                Ok(parsed) if parsed <= MAX_MESSAGE_BYTES => length = Some(parsed),
                _ => return Err(format!("a bad Content-Length: {:?}", truncate(value))),
            }
        }
    }
    length.ok_or_else(|| "no Content-Length".to_owned())
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_channel_reader_gives_every_byte_in_order_then_the_end() {
        let (chunks, receiver) = tokio::sync::mpsc::channel(4);
        let mut reader = ChannelReader {
            chunks: receiver,
            pending: Vec::new(),
            position: 0,
        };
        let writer = tokio::spawn(async move {
            for chunk in [&b"Content-"[..], b"Length: 2", b"\r\n\r\n{}"] {
                let _ = chunks.send(chunk.to_vec()).await;
            }
            // Dropping the sender ends the stream, as the stdin thread does at its end.
        });
        // Reads of 3 bytes at most, so that chunks are split across reads.
        let mut read = Vec::new();
        let mut buffer = [0; 3];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(count) => read.extend_from_slice(buffer.get(..count).unwrap_or_default()),
            }
        }
        let _ = writer.await;
        assert_eq!(read, b"Content-Length: 2\r\n\r\n{}");
    }

    #[tokio::test]
    async fn a_large_message_leaves_no_large_buffer_behind() {
        let large = vec![b'x'; 3 * KEPT_BUFFER_BYTES];
        let mut input = frame(&large);
        input.extend_from_slice(&frame(b"{}"));
        let mut stream = input.as_slice();
        let mut reader = FrameReader::default();
        let Some(Incoming::Body(body)) = reader.next(&mut stream).await else {
            panic!("the large body");
        };
        assert_eq!(body.len(), large.len());
        assert!(
            reader.buffer.capacity() <= KEPT_BUFFER_BYTES,
            "{} bytes kept",
            reader.buffer.capacity()
        );
        let Some(Incoming::Body(body)) = reader.next(&mut stream).await else {
            panic!("the small body after it");
        };
        assert_eq!(body, b"{}");
        assert!(reader.next(&mut stream).await.is_none(), "then the end");
    }

    #[test]
    fn lone_surrogate_escapes_become_replacement_characters_and_pairs_stay() {
        let body = br#"{"a":"\ud800 x \udc00\ud800 \ud83d\ude00 \\ud800 \n"}"#;
        let repaired = repair_surrogate_escapes(body).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&repaired),
            r#"{"a":"\ufffd x \ufffd\ufffd \ud83d\ude00 \\ud800 \n"}"#
        );
        assert_eq!(repair_surrogate_escapes(br#"{"a":"\ud83d\ude00"}"#), None);
    }

    #[tokio::test]
    async fn a_malformed_header_read_alone_does_not_spoil_the_next_one() {
        // Each message arrives in a read of its own, as from a client that writes them one by one.
        let (sender, receiver) = tokio::sync::mpsc::channel(8);
        for chunk in [
            &b"Content-Length: abc\r\n\r\n{}"[..],
            b"X-Nonsense: yes\r\n\r\n{}",
            b"Conte",
            b"nt-Length: 2\r\n\r\n[]",
        ] {
            sender.send(chunk.to_vec()).await.unwrap();
        }
        drop(sender);
        let mut input = ChannelReader {
            chunks: receiver,
            pending: Vec::new(),
            position: 0,
        };
        let mut reader = FrameReader::default();
        let mut bodies = Vec::new();
        while let Some(incoming) = reader.next(&mut input).await {
            if let Incoming::Body(body) = incoming {
                bodies.push(body);
            }
        }
        assert_eq!(bodies, vec![b"[]".to_vec()]);
    }

    #[test]
    fn only_the_start_of_a_header_name_is_kept_after_garbage() {
        assert_eq!(partial_header_name_at_end(b"{}"), 0);
        assert_eq!(partial_header_name_at_end(b"{}Conte"), 5);
        assert_eq!(partial_header_name_at_end(b"xxCONTENT-LENGT"), 13);
        assert_eq!(partial_header_name_at_end(b""), 0);
    }

    #[test]
    fn content_length_is_read_in_any_case_and_garbage_is_reported() {
        assert_eq!(content_length("content-length: 12"), Ok(12));
        assert_eq!(
            content_length("Content-Length: 3\r\nContent-Type: x"),
            Ok(3)
        );
        assert!(content_length("Content-Length: abc").is_err());
        assert!(content_length("Content-Length: -1").is_err());
        assert!(content_length("Content-Length 12").is_err());
        assert!(content_length("X-Other: 1").is_err());
    }

    #[test]
    fn broken_bodies_get_the_right_error_codes() {
        let code = |body: &[u8]| {
            check_body(body.to_vec())
                .err()
                .and_then(|answer| serde_json::from_slice::<Value>(&answer.body).ok())
                .map(|value| (value["error"]["code"].clone(), value["id"].clone()))
        };
        assert_eq!(code(b"not json"), Some((json!(-32700), Value::Null)));
        assert_eq!(code(b"[1, 2]"), Some((json!(-32600), Value::Null)));
        assert_eq!(
            code(br#"{"jsonrpc": "1.0", "id": 4, "method": "x"}"#),
            Some((json!(-32600), json!(4)))
        );
        assert_eq!(code(br#"{"jsonrpc": "2.0", "method": "x"}"#), None);
        // tower-lsp-server would reject these two and stop reading.
        assert_eq!(
            code(br#"{"jsonrpc": "2.0", "id": 1, "id": 2, "method": "x"}"#),
            Some((json!(-32600), json!(2)))
        );
        assert_eq!(
            code(br#"{"jsonrpc": "2.0", "method": "x", "junk": "\udc00"}"#),
            None,
            "repaired"
        );
    }
}
