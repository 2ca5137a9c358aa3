//! The call model, after tonic: a request carries its body and its SOAP headers; so does a
//! response.

/// A request body with its SOAP headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request<T, H> {
    body: T,
    headers: H,
}

impl<T, H: Default> Request<T, H> {
    /// A request with default (empty) headers; a client fills them from its defaults.
    pub fn new(body: T) -> Self {
        Request {
            body,
            headers: H::default(),
        }
    }
}

impl<T, H> Request<T, H> {
    /// A request with the given headers.
    pub fn with_headers(body: T, headers: H) -> Self {
        Request { body, headers }
    }

    /// The body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The body, mutable.
    pub fn body_mut(&mut self) -> &mut T {
        &mut self.body
    }

    /// The headers.
    pub fn headers(&self) -> &H {
        &self.headers
    }

    /// The headers, mutable; set a field to override the client's default for this call.
    pub fn headers_mut(&mut self) -> &mut H {
        &mut self.headers
    }

    /// The body, dropping the headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Body and headers.
    pub fn into_parts(self) -> (T, H) {
        (self.body, self.headers)
    }
}

impl<T, H: Default> From<T> for Request<T, H> {
    fn from(body: T) -> Self {
        Request::new(body)
    }
}

/// A response body with its SOAP headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Response<T, H> {
    body: T,
    headers: H,
}

impl<T, H: Default> Response<T, H> {
    /// A response with default (empty) headers.
    pub fn new(body: T) -> Self {
        Response {
            body,
            headers: H::default(),
        }
    }
}

impl<T, H> Response<T, H> {
    /// A response with the given headers.
    pub fn with_headers(body: T, headers: H) -> Self {
        Response { body, headers }
    }

    /// The body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The headers.
    pub fn headers(&self) -> &H {
        &self.headers
    }

    /// The headers, mutable.
    pub fn headers_mut(&mut self) -> &mut H {
        &mut self.headers
    }

    /// The body, dropping the headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Body and headers.
    pub fn into_parts(self) -> (T, H) {
        (self.body, self.headers)
    }
}
