//! The budget holder's flow diagram.

use super::err;
use super::style;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The budget holder's flows: four columns (NHS England, commissioner, holder, practices) whose
/// blocks and bands are drawn to scale; the leaks leave downwards, the surplus comes in.
pub fn draw_flow<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    holder: &str,
    [gp_money, direct, routed, to_practices, diverted, double_running, core_moved, surplus_in, received]: [f64;
        9],
    ratio: f64,
) -> Result<(), String> {
    let px = |v: f64| style::px(v, ratio);
    let font = |size: f64| style::font(size, ratio);
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    // Drawn to scale: every block's height is its money times `scale`.
    let total = gp_money.max(1e-9);
    let top = 40.0 * ratio;
    let height = (h - top - 70.0 * ratio).max(40.0);
    let scale = height / (total + surplus_in).max(total);
    let col_w = 14.0 * ratio;
    let xs = [60.0 * ratio, w * 0.36, w * 0.62, w - 60.0 * ratio - col_w];
    let block = |x: f64, y0: f64, v: f64, colour: RGBColor| {
        root.draw(&Rectangle::new(
            [
                (x as i32, y0 as i32),
                ((x + col_w) as i32, (y0 + v * scale).max(y0 + 1.0) as i32),
            ],
            colour.filled(),
        ))
    };
    let band = |x0: f64, y0: f64, x1: f64, y1: f64, v: f64, colour: RGBColor| {
        let t = v * scale;
        root.draw(&Polygon::new(
            vec![
                ((x0 + col_w) as i32, y0 as i32),
                (x1 as i32, y1 as i32),
                (x1 as i32, (y1 + t) as i32),
                ((x0 + col_w) as i32, (y0 + t) as i32),
            ],
            colour.mix(0.35).filled(),
        ))
    };
    // Column 0: all GP money. Column 1: the commissioner pays directly or routes.
    block(xs[0], top, total, style::dark_grey()).map_err(err)?;
    band(xs[0], top, xs[1], top, total, style::blue()).map_err(err)?;
    block(xs[1], top, direct, style::blue()).map_err(err)?;
    block(xs[1], top + direct * scale, routed, style::orange()).map_err(err)?;
    // Direct payments go straight to practices.
    band(xs[1], top, xs[3], top, direct, style::blue()).map_err(err)?;
    // The holder: what passes on, what leaks.
    let hy = top + direct * scale;
    block(xs[2], hy, routed, style::orange()).map_err(err)?;
    band(xs[1], hy, xs[2], hy, routed, style::orange()).map_err(err)?;
    band(xs[2], hy, xs[3], hy, to_practices, style::blue()).map_err(err)?;
    let leak_y = hy + to_practices * scale;
    block(xs[2], leak_y, diverted, style::loss()).map_err(err)?;
    block(
        xs[2],
        leak_y + diverted * scale,
        double_running,
        style::grey(),
    )
    .map_err(err)?;
    if core_moved > 0.0 {
        block(
            xs[2],
            leak_y + (diverted + double_running) * scale,
            core_moved,
            style::orange(),
        )
        .map_err(err)?;
    }
    // Practices: the direct band and the holder's band stacked, then the surplus coming in.
    let paid_on_top = top + (direct + to_practices) * scale;
    block(xs[3], top, direct + to_practices, style::blue()).map_err(err)?;
    if surplus_in > 0.0 {
        block(xs[3], paid_on_top, surplus_in, style::gain()).map_err(err)?;
    }
    let label = |text: &str, x: f64, y: f64, anchor: HPos| {
        root.draw_text(
            text,
            &font(11.0).pos(Pos::new(anchor, VPos::Top)),
            (x as i32, y as i32),
        )
    };
    let m = |v: f64| format!("£{v:.0}m");
    label("NHS England", xs[0], px(6.0) as f64, HPos::Left).map_err(err)?;
    label(&m(gp_money), xs[0], px(20.0) as f64, HPos::Left).map_err(err)?;
    label("Commissioner", xs[1], px(6.0) as f64, HPos::Left).map_err(err)?;
    label(
        &format!("direct {}", m(direct)),
        xs[1],
        px(20.0) as f64,
        HPos::Left,
    )
    .map_err(err)?;
    label(
        holder.split(" (").next().unwrap_or(holder),
        xs[2],
        px(6.0) as f64,
        HPos::Left,
    )
    .map_err(err)?;
    label(&m(routed), xs[2], px(20.0) as f64, HPos::Left).map_err(err)?;
    label("Practices", xs[3] + col_w, px(6.0) as f64, HPos::Right).map_err(err)?;
    label(&m(received), xs[3] + col_w, px(20.0) as f64, HPos::Right).map_err(err)?;
    let below = top + height + 8.0 * ratio;
    label(
        &format!("Diverted to hospitals {}", m(diverted)),
        xs[2],
        below,
        HPos::Left,
    )
    .map_err(err)?;
    label(
        &if core_moved > 0.0 {
            format!(
                "Double running {}; core kept {}",
                m(double_running),
                m(core_moved)
            )
        } else {
            format!("Double running {}", m(double_running))
        },
        xs[2],
        below + 16.0 * ratio,
        HPos::Left,
    )
    .map_err(err)?;
    if surplus_in > 0.0 {
        label(
            &format!("Surplus passed on to practices {}", m(surplus_in)),
            xs[3] + col_w,
            below + 32.0 * ratio,
            HPos::Right,
        )
        .map_err(err)?;
    }
    Ok(())
}
