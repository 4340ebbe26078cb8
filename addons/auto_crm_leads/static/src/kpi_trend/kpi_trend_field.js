import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

/**
 * The last twelve months of a KPI as a sparkline: one line per run of months
 * with a figure (a month without one is a gap), a dot per month, green when
 * the month met its target and red when it did not, the target dashed.
 */
export class KpiTrendField extends Component {
    static template = "auto_crm_leads.KpiTrendField";
    static props = { ...standardFieldProps };

    get trend() {
        return this.props.record.data[this.props.name] || { points: [] };
    }

    get chart() {
        const { points, target } = this.trend;
        const values = points.map((point) => point.value).filter((value) => value !== null);
        if (!values.length) {
            return null;
        }
        const withTarget = target || target === 0 ? [...values, target] : values;
        const low = Math.min(...withTarget);
        const high = Math.max(...withTarget);
        const span = high - low || 1;
        const step = (WIDTH - 2 * PAD) / Math.max(points.length - 1, 1);
        const y = (value) => HEIGHT - PAD - ((value - low) / span) * (HEIGHT - 2 * PAD);
        const dots = [];
        const lines = [];
        let line = [];
        points.forEach((point, index) => {
            if (point.value === null) {
                if (line.length) {
                    lines.push(line);
                }
                line = [];
                return;
            }
            const dot = {
                key: point.period,
                x: PAD + index * step,
                y: y(point.value),
                met: point.met,
                title: `${point.period}: ${point.value}`,
            };
            dots.push(dot);
            line.push(`${dot.x.toFixed(1)},${dot.y.toFixed(1)}`);
        });
        if (line.length) {
            lines.push(line);
        }
        return {
            width: WIDTH,
            height: HEIGHT,
            dots,
            lines: lines.map((segment, index) => ({ key: index, points: segment.join(" ") })),
            targetY: withTarget === values ? null : y(target),
        };
    }

    get gaps() {
        return this.trend.points.filter((point) => point.value === null).length;
    }

    get label() {
        const missed = this.trend.points.filter((point) => point.met === false).length;
        const known = this.trend.points.filter((point) => point.value !== null).length;
        return _t("Last 12 months: %(missed)s of %(known)s months below target", {
            missed,
            known,
        });
    }
}

export const kpiTrendField = {
    component: KpiTrendField,
    displayName: _t("KPI Trend"),
    supportedTypes: ["json"],
};

registry.category("fields").add("auto_kpi_trend", kpiTrendField);
