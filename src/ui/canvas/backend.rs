//! The drawing backends: plotters-canvas's for the page and plotters-svg's for SVG files, each
//! with text measured by a canvas's own `measureText` rather than by adding a span to the page
//! and forcing a layout for every label.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A backend whose text is measured with a 2D canvas context; text is drawn `text_scale` times
/// the size asked for (plotters-svg writes font sizes as the size over 1.24, so an SVG gets
/// 1.24 to match what the canvas draws and measures).
pub struct Measured<B> {
    inner: B,
    context: CanvasRenderingContext2d,
    text_scale: f64,
}

/// The canvas backend of the page.
pub type FastCanvas = Measured<CanvasBackend>;

fn context_of(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()
}

impl FastCanvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<FastCanvas> {
        Some(Measured {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            context: context_of(canvas)?,
            text_scale: 1.0,
        })
    }
}

/// How much larger than asked plotters-svg's text must be written to be the size asked.
const SVG_TEXT_SCALE: f64 = 1.24;

impl<'a> Measured<plotters_svg::SVGBackend<'a>> {
    /// An SVG of `size` CSS pixels written into `buffer`, its text measured on `scratch`.
    pub fn svg(
        buffer: &'a mut String,
        size: (u32, u32),
        scratch: &HtmlCanvasElement,
    ) -> Option<Self> {
        Some(Measured {
            inner: plotters_svg::SVGBackend::with_string(buffer, size),
            context: context_of(scratch)?,
            text_scale: SVG_TEXT_SCALE,
        })
    }
}

/// A text style drawn at a multiple of its size.
struct Scaled<'s, S> {
    style: &'s S,
    scale: f64,
}

impl<S: BackendTextStyle> BackendTextStyle for Scaled<'_, S> {
    type FontError = S::FontError;

    fn color(&self) -> BackendColor {
        self.style.color()
    }
    fn size(&self) -> f64 {
        self.style.size() * self.scale
    }
    fn transform(&self) -> FontTransform {
        self.style.transform()
    }
    fn style(&self) -> FontStyle {
        self.style.style()
    }
    fn anchor(&self) -> plotters_backend::text_anchor::Pos {
        self.style.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.style.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.style.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: (i32, i32),
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.style.draw(text, pos, draw)
    }
}

type Failure<B> = DrawingErrorKind<<B as DrawingBackend>::ErrorType>;

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Failure<B>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Failure<B>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure<B>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure<B>> {
        if self.text_scale == 1.0 {
            self.inner.draw_text(text, style, pos)
        } else {
            let scaled = Scaled {
                style,
                scale: self.text_scale,
            };
            self.inner.draw_text(text, &scaled, pos)
        }
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Failure<B>> {
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(text.len() as f64 * style.size() * 0.6);
        Ok((
            width.ceil().max(0.0) as u32,
            (style.size() * 1.2).ceil() as u32,
        ))
    }
}
