## 도메인의 메일을 어디서 처리하는지 확인(MX 사전 점검): 계정 단계와 `smtp-setup preflight`.

mx-checking = { $domain }의 메일을 어디서 처리하는지 확인하는 중…
mx-checking-note = DNS에 이 도메인의 메일 서버를 묻습니다. 최대 { $seconds }초가 걸립니다.
mx-personal-google = { $domain }은(는) Gmail입니다. 개인 Google 계정입니다.
mx-google-workspace = { $domain }의 메일은 Google({ $host })에서 처리합니다. Google Workspace 도메인이므로 Gmail SMTP 서버로 보낼 수 있습니다.
mx-other-provider = { $domain }의 메일은 Google이 아닌 { $provider }에서 처리합니다. Gmail SMTP 서버와 Google 페이지로는 이 주소를 설정할 수 없습니다. { $provider }의 SMTP 서버를 사용하세요.
mx-other-host = { $domain }의 메일은 Google이 아닌 { $host }에서 처리합니다. { $domain }이(가) 이 서버 뒤에서 Google Workspace를 사용하는 경우가 아니라면 Gmail은 이 주소를 받아들이지 않습니다. { $host } 운영자에게 SMTP 설정을 문의하세요.
mx-no-such-domain = { $domain } 도메인은 존재하지 않습니다. 주소에 오타가 없는지 확인하세요.
mx-no-mx = { $domain }에는 메일 서버(MX 레코드)가 없어 메일을 받지 않으며, Google Workspace용으로 설정되어 있지 않습니다. 주소에 오타가 없는지 확인하세요.
mx-unknown = { $domain }의 메일을 어디서 처리하는지 확인하지 못했습니다: { $reason }. 그래도 계속할 수 있습니다.
mx-reason-timed-out = { $seconds }초 안에 DNS 응답이 없습니다
mx-reason-no-resolver = 이 컴퓨터에 DNS 서버가 설정되어 있지 않습니다({ $error })
mx-reason-failed = DNS 조회에 실패했습니다({ $error })
mx-reason-off = 확인 기능이 꺼져 있습니다(SMTP_SETUP_DNS_SERVER=off)
mx-smtp-server = SMTP 서버: { $host }, { $ports }
mx-port-starttls = 포트 { $port }(STARTTLS)
mx-port-tls = 포트 { $port }(TLS)
mx-sign-in-oauth = { $provider }은(는) SMTP의 비밀번호 로그인(기본 인증)을 중단하고 있습니다. 앱은 OAuth 2.0으로 로그인해야 합니다.
mx-sign-in-app-password = { $provider }의 SMTP에는 계정 비밀번호가 아니라 { $provider } 페이지에서 만든 앱 비밀번호를 사용합니다.
mx-steps-microsoft-365 = 관리자가 사서함의 SMTP AUTH를 허용해야 하며, 앱은 Microsoft Entra 앱 등록으로 로그인해야 합니다(OAuth 2.0, XOAUTH2).
mx-steps-outlook = 앱이 OAuth 2.0(XOAUTH2)으로 Microsoft 계정에 로그인해야 합니다. smtp-setup은 Google 로그인만 지원합니다.
mx-steps-icloud = Apple 계정의 이중 인증을 켠 다음 account.apple.com의 로그인 및 보안에서 앱 전용 암호를 만드세요.
mx-steps-yahoo = Yahoo의 Account Security(계정 보안)에서 2단계 인증을 켠 다음 "Generate app password"를 선택하세요.
mx-steps-naver = 네이버 메일 환경설정 → POP3/IMAP 설정에서 POP3/SMTP 사용을 켜고, 2단계 인증을 켠 상태에서 네이버 ID의 애플리케이션 비밀번호를 만드세요.
mx-steps-daum = Daum 메일 환경설정 → IMAP/POP3에서 IMAP/SMTP 사용을 켜고, 2단계 인증을 켠 상태에서 발급받은 앱 비밀번호를 사용하세요.
mx-open-page = { $provider } 페이지 열기
mx-hosts = MX 호스트: { $hosts }
