#include "aboutdialog.h"

#include "appinfo.h"
#include "icons.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace {

const char *const Licence =
    "MIT License\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    "software and associated documentation files (the \"Software\"), to deal in the Software "
    "without restriction, including without limitation the rights to use, copy, modify, merge, "
    "publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons "
    "to whom the Software is furnished to do so, subject to the following conditions:\n\n"
    "The above copyright notice and this permission notice shall be included in all copies or "
    "substantial portions of the Software.\n\n"
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, "
    "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR "
    "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE "
    "FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR "
    "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER "
    "DEALINGS IN THE SOFTWARE.";

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent) {
    setWindowTitle(QStringLiteral("About ") + QStringLiteral(MWI_APP_NAME));
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::application().pixmap(QSize(72, 72)));
    icon->setAlignment(Qt::AlignTop);
    auto *title = new QLabel(QStringLiteral(MWI_APP_NAME), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    title->setFont(big);
    m_text = QStringLiteral("Version %1 (Qt %2)\n\n"
                            "Receives Mews webhooks on your own machine, shows each one live, "
                            "explains it in Mews's terms, checks it against the published "
                            "contract and keeps what it received in a session file.\n\n"
                            "Licensed under the MIT licence. Application id: %3.")
                 .arg(QStringLiteral(MWI_VERSION), QString::fromLatin1(qVersion()),
                      QStringLiteral(MWI_APP_ID));
    auto *text = new QLabel(m_text, this);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *licence = new QPlainTextEdit(QString::fromLatin1(Licence), this);
    licence->setReadOnly(true);
    licence->setMinimumHeight(160);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(text);
    column->addWidget(licence, 1);
    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addSpacing(12);
    row->addLayout(column, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(buttons);
    resize(560, 420);
}
