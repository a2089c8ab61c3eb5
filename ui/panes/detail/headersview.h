#pragma once

#include "capture/capture.h"
#include "rowtableview.h"

class HeadersModel;

/**
 * The Headers tab: the request's header fields in the order and case they were sent,
 * then its trailers (with a Section column only when there are any). Secret values are
 * masked until revealed; tooltips are plain text.
 */
class HeadersView : public RowTableView {
    Q_OBJECT

public:
    explicit HeadersView(QWidget *parent = nullptr);

    void setFields(const HeaderList &headers, const HeaderList &trailers);
    void clear();
    void setSecretsRevealed(bool revealed);
    /// Header and trailer fields shown.
    int fieldCount() const;

private:
    HeadersModel *m_headers;
};
