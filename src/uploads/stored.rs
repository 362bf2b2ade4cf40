//! An opened stored file, whichever store holds it: its size and modification time are known
//! before any of its bytes are read, so a conditional or `HEAD` request reads none, and its bytes
//! come as a stream of chunks (one in memory at a time per download), from any offset.
use std::time::SystemTime;

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::StreamExt;

/// A file's bytes, chunk after chunk. An error ends the stream (the file went away while it was
/// read, or the store failed); the bytes already sent cannot be taken back.
pub type ByteStream = BoxStream<'static, anyhow::Result<Bytes>>;

/// Where an open file's bytes come from (the data directory or the database).
pub trait Content: Send {
    /// The bytes from `offset` (at most the file's size) to the end, fetched as the stream is
    /// polled: nothing is read before the first poll.
    fn stream_from(self: Box<Self>, offset: u64) -> ByteStream;
}

pub struct StoredFile {
    pub size: u64,
    pub modified: SystemTime,
    content: Box<dyn Content>,
}

impl StoredFile {
    pub fn new(size: u64, modified: SystemTime, content: impl Content + 'static) -> StoredFile {
        StoredFile { size, modified, content: Box::new(content) }
    }

    /// The whole file, streamed.
    pub fn stream(self) -> ByteStream {
        self.stream_from(0)
    }

    /// The file from byte `offset` on (empty when `offset` is at or past the end), streamed: the
    /// read side of a `Range` request.
    pub fn stream_from(self, offset: u64) -> ByteStream {
        self.content.stream_from(offset.min(self.size))
    }

    /// At most `length` bytes from byte `offset` on, streamed: a `206` answer's body. The store is
    /// read from the offset (no bytes before it are fetched), and the stream ends once `length`
    /// bytes have been given, without reading further.
    pub fn stream_range(self, offset: u64, length: u64) -> ByteStream {
        let stream = self.stream_from(offset);
        futures_util::stream::unfold((stream, length), |(mut stream, left)| async move {
            // Checked before polling, so the store is not asked for a chunk nobody will send.
            if left == 0 {
                return None;
            }
            match stream.next().await? {
                Ok(mut bytes) => {
                    bytes.truncate(usize::try_from(left).unwrap_or(usize::MAX));
                    let left = left - bytes.len() as u64;
                    Some((Ok(bytes), (stream, left)))
                }
                Err(err) => Some((Err(err), (stream, 0))),
            }
        })
        .boxed()
    }
}
