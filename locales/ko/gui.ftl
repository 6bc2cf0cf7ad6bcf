# 창의 한국어 텍스트 (src/gui/text.rs가 각 id를 `T`로 한 번씩 부릅니다).
#
# Google의 한국어 용어와 확인한 곳:
# - 앱 비밀번호, 16자리 비밀번호, 2단계 인증(사용 설정), 보안 키, 직장·학교 계정,
#   고급 보호, 'Google 계정으로 로그인'(Sign in with Google), 앱 비밀번호 취소(revoke):
#   https://support.google.com/accounts/answer/185833?hl=ko
#   (저장본: google-support.mirrorblogs.com/accounts/answer/185833?hl=ko)
# - 고급 보호 프로그램(Advanced Protection), 관리자, Google Workspace, 보안: 공통 용어집
#   (위 185833 페이지는 "고급 보호가 설정되어 있습니다"라고 씁니다).
# - "찾고 있는 설정을 계정에서 사용할 수 없습니다": Google 페이지에서는 직접 찾지 못했습니다.
#   한국어 Gmail SMTP 설정 안내 세 곳(서로 다른 GitHub 문서)이 이 문구를 똑같이 인용합니다.
# - 앱 비밀번호 페이지의 '앱 이름' 입력란과 만들기 버튼: 한국어 설정 안내(GitHub 문서,
#   "앱 이름 … 입력 / 만들기 클릭 / 16자리 비밀번호 표시됨")에서 확인했고, Google 페이지에서는
#   확인하지 못했습니다.
# - OAuth 동의 화면, 클라이언트, 클라이언트 만들기, 애플리케이션 유형 > 데스크톱 앱,
#   OAuth 2.0 클라이언트 ID, 사용자 인증 정보, 갱신 토큰:
#   https://developers.google.com/workspace/calendar/api/quickstart/java?hl=ko
# - 사용자 인증 정보 만들기, OAuth 클라이언트 ID:
#   https://developers.google.com/workspace/guides/create-credentials?hl=ko
# - 클라이언트 보안 비밀번호(client secret):
#   https://developers.google.com/api-client-library/dotnet/guide/aaa_client_secrets?hl=ko
# - 대상(Audience 페이지), 테스트 사용자: 콘솔을 인용하는 한국어 문서
#   ("Google Auth Platform > 대상", "클라이언트 > 클라이언트 만들기")와
#   https://jskpubller86.github.io/google/api/GOOGLE-API-setting-up-google's-oauth2 (테스트 사용자).
#   Google 문서의 번역은 Audience를 "잠재고객"/"시청자층"으로 제각각 옮깁니다.
# - 게시 상태 '테스트' / '프로덕션 단계', 앱 게시: 공통 용어집 기준이며 Google 페이지에서는
#   확인하지 못했습니다.
# - 인증 앱, 받는사람, 받은편지함, 스팸함: Gmail·Google 계정 화면의 일반 용어이며 검색으로
#   확인하지 못했습니다.

app-title = smtp-setup — Gmail SMTP 설정
continue = 계속
back = 뒤로
cancel = 취소
close = 닫기
copy = 복사
copied = 복사됨 ✔
finish = 완료
step-account = 계정
step-two-step = 2단계 인증
step-app-password = 앱 비밀번호
step-verify = 확인 및 저장
step-test-message = 테스트 메일
step-done = 완료
step-oauth-client = OAuth 클라이언트
step-sign-in = 로그인
step-of = 6단계 중 { $n }단계

account-heading = 어느 Gmail 계정으로 메일을 보낼까요?
account-intro = smtp-setup은 단계마다 Gmail에 직접 확인하며, 비밀번호는 파일이 아닌 시스템 키체인에 보관합니다.
address-label = Gmail 주소
address-hint = you@gmail.com
personal-account = 개인 Google 계정입니다. 2단계 인증을 사용 설정하면 앱 비밀번호를 쓸 수 있습니다.
workspace-account = gmail.com 주소가 아닙니다. { $domain }의 메일을 Google Workspace(직장 또는 학교)에서 운영한다면 사용할 수 있습니다. 관리자가 앱 비밀번호를 사용 중지했을 수 있으며, 그렇다면 'Google 계정으로 로그인'을 사용하세요.
other-provider-account = { $address }은(는) Google 계정이 아니라 { $provider } 주소입니다. smtp-setup은 Gmail을 통한 발송만 설정합니다. 이 주소에는 { $provider }의 SMTP 설정을 사용하세요.
typo-first = 계속하려면 제안된 주소를 사용하거나 입력한 주소를 그대로 유지하세요.
keep-as-typed = { $address } 유지
did-you-mean = { $address }을(를) 입력하려고 하셨나요?
use-suggestion = { $address } 사용
method-label = 앱이 어떻게 로그인할까요?
method-app-password = 앱 비밀번호 (SMTP를 쓰는 앱에 권장)
method-app-password-note = Google이 앱 하나를 위해 만드는 16자리 비밀번호입니다. 2단계 인증이 필요하며 언제든지 취소할 수 있습니다.
method-oauth = Google 계정으로 로그인 (OAuth2, XOAUTH2를 지원하는 앱용)
method-oauth-note = Google Cloud에 직접 만든 OAuth 클라이언트가 필요합니다. 비밀번호는 저장하지 않고, 언제든 취소할 수 있는 갱신 토큰만 저장합니다. 앱 비밀번호가 사용 중지된 계정에서도 작동합니다.
already-stored = { $address }은(는) 이미 설정되어 있습니다(확인: { $when }).
already-stored-never = { $address }은(는) 이미 설정되어 있습니다(아직 확인 안 함).
retest = 다시 확인
replace-password = 앱 비밀번호 교체…

two-step-heading = 2단계 인증 사용 설정
two-step-why = Gmail은 이제 앱에서 Google 계정 비밀번호를 받지 않습니다(2022년 5월 30일 종료). 앱은 대신 앱 비밀번호를 사용하며, Google은 2단계 인증을 사용하는 계정에만 앱 비밀번호를 제공합니다.
two-step-how = 열리는 페이지에서 2단계 인증이 사용 설정되어 있는지 확인하세요. 사용 중지되어 있다면 사용 설정하고 Google의 안내(휴대전화 또는 인증 앱)를 따르세요.
open-two-step = 2단계 인증 페이지 열기
two-step-done = 사용 설정됨 — 계속

app-password-heading = 앱 비밀번호 만들기
app-password-steps =
    1. 앱 비밀번호 페이지를 열고, 요청되면 로그인합니다.
    2. '앱 이름'에 앱 이름(예: "SMTP")을 입력하고 만들기를 누릅니다.
    3. Google이 16자리 비밀번호를 네 글자씩 네 묶음으로 한 번만 보여 줍니다. 복사해서 아래에 붙여넣으세요.
open-app-passwords = 앱 비밀번호 페이지 열기
app-password-label = 앱 비밀번호
app-password-hint = abcd efgh ijkl mnop
show-password = 표시
hide-password = 숨기기
letters-counted = { $n }/16자
app-password-looks-right = 16자: 올바른 형식입니다(공백은 상관없습니다).
app-password-refused = Gmail이 이 앱 비밀번호를 거부했습니다. 새 앱 비밀번호를 만들어 여기에 붙여넣으세요.
not-available-help = 페이지에 설정을 사용할 수 없다고 표시되는 경우
not-available-reasons =
    페이지에 "찾고 있는 설정을 계정에서 사용할 수 없습니다"라고 표시되면, 다음 이유로 Google이 앱 비밀번호를 숨긴 것입니다.
    • 2단계 인증이 사용 중지되어 있습니다(한 단계 뒤로 가서 사용 설정하세요).
    • 2단계 인증에 보안 키만 사용하고 있습니다(인증 앱 같은 다른 2단계 방법을 추가하세요).
    • 관리자가 앱 비밀번호를 사용 중지한 직장 또는 학교 계정입니다(관리자에게 문의하거나 'Google 계정으로 로그인'을 사용하세요).
    • 계정이 고급 보호 프로그램에 등록되어 있습니다('Google 계정으로 로그인'을 사용하세요).
check-and-save = 확인 후 저장

oauth-client-heading = 내 OAuth 클라이언트
oauth-client-intro = Google은 데스크톱 앱이 내 Google Cloud 프로젝트에 직접 만든 OAuth 클라이언트를 통해서만 Gmail에 로그인하도록 허용합니다. 한 번만 하면 되며 몇 분 걸립니다.
oauth-client-create = 1. 애플리케이션 유형이 '데스크톱 앱'인 클라이언트를 만든 다음(클라이언트 › 클라이언트 만들기), JSON 파일을 다운로드하거나 클라이언트 ID와 클라이언트 보안 비밀번호를 복사하세요.
oauth-test-user = 2. 대상 페이지에서 { $address }을(를) 테스트 사용자로 추가하세요(앱이 '테스트' 상태인 동안에는 테스트 사용자만 로그인할 수 있습니다).
oauth-testing-note = 앱이 '테스트' 상태인 동안 Google의 갱신 토큰은 7일 후 만료됩니다. 앱을 게시할 때까지 매주 다시 로그인해야 합니다.
client-file-label = 클라이언트 파일
load-client-file = 클라이언트 파일 불러오기
client-id-label = 클라이언트 ID
client-secret-label = 클라이언트 보안 비밀번호
client-ready = 클라이언트 { $id }이(가) 준비되었습니다.
sign-in-heading = Google 계정으로 로그인
sign-in-intro = 브라우저에서 Google 로그인 페이지가 열립니다. 계정을 선택하고 Gmail 액세스를 허용하면(SMTP에는 Gmail 전체 액세스 권한이 필요합니다), Google이 브라우저를 이 컴퓨터의 smtp-setup으로 돌려보냅니다.
sign-in-button = Google 계정으로 로그인
sign-in-waiting = 브라우저에서 Google을 기다리는 중…
sign-in-url = 브라우저가 열리지 않았다면 이 컴퓨터에서 다음 주소를 여세요.
signed-in = 로그인됨: Google이 smtp-setup에 { $address }(으)로 메일을 보낼 수 있는 액세스 권한을 부여했습니다.
sign-in-again = 다시 로그인
verify-intro-oauth = smtp-setup이 Google 로그인으로 Gmail에 로그인합니다. Gmail이 수락한 경우에만 시스템 키체인에 저장합니다.
verify-saved-oauth = Gmail이 Google 로그인을 수락했으며, 키체인에 저장했습니다.
verify-heading = 확인 및 저장
verify-intro = smtp-setup이 앱 비밀번호로 Gmail에 로그인하고, Gmail이 수락한 뒤에만 시스템 키체인에 저장합니다.
verify-running = Gmail에서 확인하는 중…
verify-cancelled = 확인을 취소했습니다. 저장된 것은 없습니다.
verify-saved = Gmail이 앱 비밀번호를 수락했으며, 키체인에 저장했습니다.
verify-route = { $route }에서 로그인했습니다.
retest-heading = 저장된 앱 비밀번호 확인
retest-ok = 저장된 앱 비밀번호가 여전히 작동합니다. Gmail이 수락했습니다.

test-heading = 테스트 메일 보내기
test-intro = Gmail을 통해 메일을 보내 전체 경로가 작동하는지 확인합니다. 다른 주소를 지정하지 않으면 내 주소로 보냅니다.
recipient-label = 받는사람
send-test = 테스트 메일 보내기
send-again = 다시 보내기
sending = 보내는 중…
send-ok = Gmail이 { $to }(으)로 보내는 테스트 메일을 수락했습니다({ $time }). 잠시 후 그 받은편지함이나 스팸함에서 "smtp-setup test message"를 찾아보세요.
send-another = { $address }에게도 보내기
send-cancelled = 보내기를 취소했습니다.
send-reply = Gmail 응답: { $reply }
skip = 건너뛰기

done-heading = 설정 완료
done-intro = 메일을 보내는 앱에 다음 설정을 입력하세요.
setting-server = 서버
setting-port = 포트
setting-security = 보안
setting-username = 사용자 이름
setting-password = 비밀번호
password-where = 시스템 키체인에 보관된 앱 비밀번호 (서비스 "{ $service }")
copy-all = 모든 설정 복사
set-up-another = 다른 계정 설정
to-accounts = ‹ 계정

accounts-heading = Gmail SMTP 계정
add-account = 계정 추가…
no-accounts = 아직 계정이 없습니다. 계정을 추가해 Gmail SMTP를 설정하세요.
keychain-unavailable = 시스템 키체인을 읽을 수 없어 비밀번호를 확인하거나 사용할 수 없습니다. 아래 계정은 설정 파일에서 가져온 목록입니다.
secret-missing = 키체인에 이 계정의 비밀번호가 없습니다. "앱 비밀번호 교체…"로 비밀번호를 저장하세요.
default-marker = 기본
method-short-app-password = 앱 비밀번호
method-short-oauth = Google 로그인
checked-ago = 확인: { $when }
not-checked-yet = 아직 확인 안 함
chip-checking = 확인 중…
chip-not-checked = 확인 전
chip-working = 정상
chip-failing = 실패
chip-cancelled = 마지막 확인 취소됨
send-test-action = 테스트 메일…
check-action = 확인
more-actions = 더보기…
replace-action = 앱 비밀번호 교체…
reauthorize-action = 다시 로그인…
password-where-oauth = 없음: 시스템 키체인에 보관된 Google 로그인(갱신 토큰) (서비스 "{ $service }"). 앱은 XOAUTH2로 로그인합니다.
remove-action = 삭제…
set-default = 기본으로 설정
copy-settings = 설정 복사
copy-with-password = 비밀번호 포함 복사…
copy-relay-password = 릴레이 비밀번호 복사
relay-start = 릴레이 시작
relay-stop = 릴레이 중지
relay-on = { $address }에서 릴레이 실행 중
relay-explain = 이 컴퓨터의 모든 앱이 비밀번호 없이 이 계정으로 메일을 보낼 수 있게 합니다.
relay-counts = 시작 후 { $relayed }건 발송 · 최근 24시간 { $day }건 / Gmail 하루 한도 { $limit }건
relay-login = 앱은 TLS 없이 연결해 릴레이 비밀번호로 { $user }(으)로 로그인합니다(더보기…: 릴레이 비밀번호 복사). 메일은 앱이 기다리는 동안 한 통씩 Gmail로 전달됩니다.
relay-last-refusal = 마지막 거부: { $reply } { $cause }
relay-failed = 릴레이를 시작할 수 없습니다
sign-in-ends = 로그인 유효 기간: { $left }
oauth-published = 내 OAuth 앱은 '테스트'가 아니라 게시된 상태('프로덕션 단계')입니다
oauth-published-why = OAuth 앱이 '테스트' 상태이면 Google은 7일 후 로그인을 끝냅니다. smtp-setup은 이 로그인이 언제 끝나는지 보여 주고 하루 전에 알려 줍니다. 게시 상태는 Google Cloud → OAuth 동의 화면에서 볼 수 있습니다.
sign-in-ends-why = 이 OAuth 클라이언트는 '테스트' 상태라서 Google이 7일 후 로그인을 끝냅니다. 그 전에 다시 로그인하거나(더보기… → 다시 로그인…) Google Cloud에서 클라이언트를 게시하세요.
result-check = 확인 · { $when }
result-send = 테스트 메일 · { $when }
result-replace = 새 앱 비밀번호 · { $when }
result-last = 마지막 확인 · { $when }
check-ok = Gmail이 로그인을 수락했습니다.
last-check-failed = 실패: { $title }
replace-intro = Google에서 새 앱 비밀번호를 만들어 여기에 붙여넣으세요. 새 비밀번호가 확인될 때까지 저장된 비밀번호는 그대로 유지됩니다.
new-app-password-label = 새 앱 비밀번호
verify-and-replace = 확인 후 교체
replaced-ok = 새 앱 비밀번호가 작동하며 키체인에 저장했습니다. 앱 비밀번호 페이지에서 이전 비밀번호를 취소하세요.
old-password-kept = Gmail이 새 앱 비밀번호를 거부해 아무것도 바뀌지 않았습니다. 저장된 비밀번호를 그대로 유지합니다.
confirm-remove = { $address }을(를) 삭제할까요? 보안 정보가 시스템 키체인에서 삭제되고 계정이 이 목록에서 제거됩니다.
remove-confirmed = 삭제
confirm-reveal = 설정과 비밀번호가 클립보드에 복사되며, 다른 프로그램이 이를 읽을 수 있습니다. 복사할까요?
reveal-confirmed = 비밀번호 포함 복사
action-cancelled = 취소했습니다.
remove-incomplete = 계정이 완전히 삭제되지 않았습니다: { $error }
removed = 이 컴퓨터에서 { $address }을(를) 삭제했습니다.
revoke-at-google = 앱 비밀번호는 Google에서 취소하기 전까지 계속 작동합니다. 여기에서 취소하세요:
revoke-access-at-google = smtp-setup의 계정 액세스 권한은 Google에서 삭제하기 전까지 유지됩니다. 여기에서 삭제하세요:
dismiss = 닫기

opened-in-browser = 브라우저에서 열었습니다.
opening = 브라우저를 여는 중…
no-browser = 여기서는 브라우저를 열 수 없습니다. 이 주소를 복사해 브라우저에 붙여넣으세요:
link-is = 주소:
use-in-app-action = 앱에서 사용…
use-in-app-offer = 다음 단계: 앱에 맞게 작성된 설정(Django, Laravel, Nodemailer, .NET, msmtp…)이며, 비밀번호는 앱 파일에 넣지 않습니다:
use-in-app-heading = 앱에서 { $address } 사용
use-in-app-intro = 앱을 만든 기술을 선택하세요. 아래 설정은 바로 붙여넣을 수 있으며, Gmail 암호화 설정은 그 스택에서 쓰는 이름으로 적혀 있습니다.
find-stack = 스택 찾기
find-stack-hint = django, php, node, c#, cron…
no-stack-matches = 일치하는 항목이 없습니다. 대부분의 앱에는 .env / Docker 또는 curl 설정을 쓸 수 있습니다.
goes-in = 넣을 곳: { $file }
secret-how = 비밀번호를 앱에 전달하는 방법
mode-reference = 앱이 실행될 때 키체인에서 읽습니다(smtp-setup 또는 Python keyring 패키지 사용, 앱에는 아무것도 저장하지 않음)
mode-environment = smtp-setup run이 설정하는 환경 변수에서 읽습니다(앱에는 아무것도 저장하지 않음)
mode-inline = 설정에 직접 기록합니다(파일에 비밀번호가 들어감)…
confirm-inline = 비밀번호가 { $file }에 일반 텍스트로 기록되며, 이 파일을 읽을 수 있는 사람은 누구나 내 계정으로 메일을 보낼 수 있습니다. 기록할까요?
inline-confirmed = 비밀번호 기록
reading-keychain = 키체인에서 비밀번호를 읽는 중…
save-to-file = 파일로 저장…
copy-snippet = 이 설정 복사
never-checked = 이 계정은 아직 Gmail에서 확인한 적이 없습니다. 이 설정이 작동하는지 알 수 있도록 먼저 계정 카드에서 확인을 누르세요.
paste-trimmed = 붙여넣은 내용 중 마지막 256KiB만 남깁니다. 오류는 거의 항상 끝부분에 있습니다.
saved-to = { $path }에 저장했습니다.
nothing-saved = 저장된 것이 없습니다. 대화상자가 취소되었거나 여기서는 파일 대화상자를 쓸 수 없습니다(Linux에서는 xdg-desktop-portal이 필요합니다). 복사는 어디서나 됩니다.
save-failed = 파일을 쓸 수 없습니다: { $error }
server-check-heading = 서버에서 테스트
server-check-intro = 메일 발송은 보통 여기가 아니라 서버에서 실패합니다. 서버에서 다음을 실행해 같은 계정을 같은 방식으로 확인하세요:
still-fails = 앱이 여전히 실패하나요? 오류 붙여넣기
account-gone = 이 계정은 더 이상 여기에 저장되어 있지 않습니다.
explain-error = 오류 설명…
have-error-message = 앱의 오류 메시지가 이미 있습니다 ›
decoder-heading = 오류 메시지 설명
decoder-intro = 발송이 실패했을 때 앱이나 로그에 출력된 내용을 붙여넣으세요. Python traceback, .NET SmtpException, PHPMailer 또는 Nodemailer 오류, Postfix 로그 줄 등입니다. smtp-setup이 원인과 해결 방법을 알려 줍니다.
decoder-label = 오류 메시지
decoder-hint = 535-5.7.8 Username and Password not accepted…
check-this-account = { $address } 확인
set-up-this-address = { $address } 설정
to-setup = ‹ 설정
light-theme = 밝은 테마
dark-theme = 어두운 테마
language = 언어

diagnosis-steps = 해결 방법
recheck-step = 그런 다음 다시 확인하세요:
press-to-recheck = 그런 다음 { $button }을(를) 누르세요.
check-again = 다시 확인
fix-on-its-page = 앱 비밀번호로 이동
go-to-page = { $name }(으)로 이동
technical-details = 기술 세부정보
details = 세부정보
route-used = 사용됨
route-not-needed = 필요 없음
server-reply = 서버 응답
settings-problem = 설정을 사용할 수 없습니다: { $error }
keychain-read = 키체인에서 비밀번호를 읽을 수 없습니다: { $error }
stage-waiting = 대기 중…
not-needed = 필요 없음: 다른 경로가 먼저 응답했습니다
cancelled = 취소됨
internal-error = smtp-setup { $version }에서 내부 오류(버그)가 발생했습니다. 이 단계에서 저장된 것은 없습니다.
clipboard-will-clear = 비밀번호가 클립보드에 있습니다. { $secs }초 후에도 클립보드에 남아 있으면 smtp-setup이 지웁니다.
clipboard-cleared = 클립보드에서 비밀번호를 지웠습니다.
clipboard-changed = 클립보드에 이제 다른 내용이 있어 그대로 두었습니다.
clipboard-unreadable = 클립보드를 읽을 수 없어 비밀번호가 아직 남아 있을 수 있습니다. 다른 내용을 복사해 덮어쓰세요.
