#pragma once

#include "mews/mewsanalysis.h"

#include <QIcon>
#include <QIdentityProxyModel>
#include <QPalette>

/**
 * Shows the contract findings the detail models report through
 * DetailRoles: the worst severity at or under a row as an icon in one column, the
 * rows the findings are about with a tinted background (so severity never relies
 * on colour alone), and secret values in italics. Colours come from the palette.
 * Tooltips are turned into escaped rich text, so payload text in them never renders
 * as markup; every detail view shows its model through one of these.
 */
class SeverityDecoration : public QIdentityProxyModel {
    Q_OBJECT

public:
    explicit SeverityDecoration(int iconColumn, QObject *parent = nullptr);

    void setPalette(const QPalette &palette);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static QIcon icon(FindingSeverity severity);
    /// A light wash of the severity's hue over the palette's base colour.
    static QColor tint(FindingSeverity severity, const QPalette &palette);
    /// The severity's hue readable as text on the palette's base colour.
    static QColor textColor(FindingSeverity severity, const QPalette &palette);

protected:
    QPalette m_palette;

private:
    int m_iconColumn;
};
